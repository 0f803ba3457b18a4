/**
 * `kubectl describe` text for the inspected object, rendered as kubectl prints it (monospace,
 * aligned columns). Every object it names (controller, node, ReplicaSets, backends, volumes' sources)
 * is a link that moves the inspector to that object.
 */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import type { DescribeLink, DescribeResult } from '../../../../shared/describe/types';
import { kindInfo } from '../../../../shared/model/kinds';
import type { ObjectRef } from '../../../../shared/model/object-ref';
import { useInspectorStore } from '../../stores/inspector-store';
import { describeApi } from './describe/describe-api';
import './describe.css';

type Loaded = { state: 'loading' } | { state: 'ready'; result: DescribeResult; at: number } | { state: 'failed'; message: string };

/** Keyed by the object, so switching objects never shows the previous object's text. */
export function DescribeTab({ target }: { target: ObjectRef }) {
  return <DescribeBody key={JSON.stringify([target.cluster, target.kind, target.namespace, target.name])} target={target} />;
}

function DescribeBody({ target }: { target: ObjectRef }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [reloads, setReloads] = useState(0);
  /** A refresh keeps the previous text on screen until the new one arrives. */
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    let live = true;
    describeApi()
      .object({ objectRef: target })
      .then(
        (result) => live && setLoaded({ state: 'ready', result, at: Date.now() }),
        (err: unknown) => live && setLoaded({ state: 'failed', message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => live && setRefreshing(false));
    return () => {
      live = false;
    };
  }, [target, reloads]);

  return (
    <section className="describe" aria-label="Describe">
      <div className="describe-toolbar">
        <button
          type="button"
          disabled={refreshing}
          onClick={() => {
            setRefreshing(true);
            setReloads((n) => n + 1);
          }}
        >
          Refresh
        </button>
        <span className="describe-status" role="status">
          {loaded.state === 'loading' ? 'Loading describe…' : refreshing ? 'Refreshing…' : loaded.state === 'ready' ? `Described at ${new Date(loaded.at).toLocaleTimeString()}` : ''}
        </span>
      </div>
      {loaded.state === 'failed' && (
        <p className="describe-error" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && <DescribeText result={loaded.result} />}
    </section>
  );
}

function DescribeText({ result }: { result: DescribeResult }) {
  const byLine = new Map<number, DescribeLink[]>();
  for (const link of result.links) byLine.set(link.line, [...(byLine.get(link.line) ?? []), link]);
  const lines = result.text.replace(/\n$/, '').split('\n');
  return (
    <pre className="describe-text" tabIndex={0} aria-label="Describe output">
      {lines.map((line, i) => (
        <Fragment key={i}>
          {renderLine(line, byLine.get(i) ?? [])}
          {'\n'}
        </Fragment>
      ))}
    </pre>
  );
}

function renderLine(line: string, links: DescribeLink[]): ReactNode {
  if (links.length === 0) return line;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const link of [...links].sort((a, b) => a.start - b.start)) {
    if (link.start < at) continue;
    parts.push(line.slice(at, link.start));
    const target = link.target;
    const where = target.namespace ? `${target.namespace}/${target.name}` : target.name;
    parts.push(
      <button
        key={link.start}
        type="button"
        className="describe-link"
        title={`Inspect ${kindInfo(target.kind).kind} ${where}`}
        onClick={() => useInspectorStore.getState().open(target)}
      >
        {line.slice(link.start, link.end)}
      </button>,
    );
    at = link.end;
  }
  parts.push(line.slice(at));
  return parts;
}
