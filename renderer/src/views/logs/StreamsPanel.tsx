/**
 * The followed streams, each with its state; a checkbox shows or hides its lines. Above the list,
 * what the viewer does not show and why: streams waiting for capacity, lines the host dropped
 * because the viewer fell behind, the oldest lines evicted from the buffer.
 */
import { useState, type CSSProperties } from 'react';
import type { LogStreamInfo } from '../../../../shared/model/logs';
import { setStreamLimit } from '../../host/logs-adapter';
import { useLogsStore } from '../../stores/logs-store';
import { streamColourVars } from './log-colours';
import type { LogSession } from './log-session';
import { sourceLabels } from './source-labels';
import './log-side.css';

const STATE_TEXT: Record<LogStreamInfo['state'], string> = {
  waiting: 'waiting for capacity',
  connecting: 'connecting',
  streaming: 'streaming',
  reconnecting: 'reconnecting',
  ended: 'ended',
  failed: 'failed',
};

/** The host accepts at most this many concurrent streams per cluster. */
const MAX_STREAM_LIMIT = 1000;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The session's losses and limits in words; empty when there are none. */
export function sessionNotices(session: LogSession): string[] {
  const notices: string[] = [];
  const waiting = session.waiting();
  if (waiting > 0) {
    const limits = [...session.capacity.entries()].filter(([, c]) => c.waiting > 0).map(([cluster, c]) => `${c.limit} per cluster${cluster ? ` in ${cluster}` : ''}`);
    notices.push(`${plural(waiting, 'stream')} waiting (limit ${[...new Set(limits)].join(', ')})`);
  }
  if (session.dropped > 0) notices.push(`${plural(session.dropped, 'line')} dropped: the viewer fell behind the stream`);
  if (session.ring.evictedTotal > 0) notices.push(`${plural(session.ring.evictedTotal, 'oldest line')} evicted (the buffer keeps ${session.ring.capacity.toLocaleString()})`);
  return notices;
}

/** The host's cap on concurrent streams per cluster: one click to let the waiting ones in, or any number. */
function StreamLimit({ current, waiting }: { current: number; waiting: number }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const apply = (limit: number) => {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_STREAM_LIMIT) {
      setProblem(`The limit is a whole number from 1 to ${MAX_STREAM_LIMIT}`);
      return;
    }
    setStreamLimit(limit).then(
      () => {
        setProblem(undefined);
        setDraft('');
      },
      (err: unknown) => setProblem(err instanceof Error ? err.message : String(err)),
    );
  };
  const raised = Math.min(MAX_STREAM_LIMIT, current + waiting);
  return (
    <div className="log-limit">
      {waiting > 0 && raised > current && (
        <button type="button" onClick={() => apply(raised)}>
          Allow {raised} streams per cluster
        </button>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply(Number(draft));
        }}
      >
        <label>
          Streams per cluster
          <input type="number" min={1} max={MAX_STREAM_LIMIT} value={draft} placeholder={current > 0 ? String(current) : ''} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" disabled={draft === ''}>
          Set limit
        </button>
      </form>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}

export function StreamsPanel({ session }: { session: LogSession }) {
  useLogsStore((s) => s.version);
  const hidden = useLogsStore((s) => s.hiddenStreams);
  const toggleStream = useLogsStore((s) => s.toggleStream);
  const streams = [...session.streams.values()].sort((a, b) => a.pod.localeCompare(b.pod) || a.container.localeCompare(b.container) || a.id - b.id);
  const counts = session.streamCounts();
  const summary = (Object.keys(counts) as Array<LogStreamInfo['state']>)
    .filter((state) => counts[state] > 0)
    .map((state) => `${counts[state]} ${state}`)
    .join(', ');
  const notices = sessionNotices(session);
  const labels = sourceLabels(streams);
  const waiting = session.waiting();
  const limit = Math.max(0, ...[...session.capacity.values()].map((c) => c.limit));

  return (
    <section className="log-streams" aria-label="Streams">
      <h2 className="log-side-title">
        Streams <span className="log-side-count">{streams.length}</span>
      </h2>
      <p className="log-streams-summary">{summary || 'No stream yet'}</p>
      {notices.length > 0 && (
        <ul className="log-notices" aria-label="What is not shown">
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <StreamLimit current={limit} waiting={waiting} />
      <ul className="log-stream-list">
        {streams.map((s) => {
          const label = `${s.pod}/${s.container}${s.previous ? ' (previous instance)' : ''}`;
          const short = labels.get(s.id) ?? s.pod;
          const shown = `${short.includes('/') ? short : `${short}/${s.container}`}${s.previous ? ' (previous)' : ''}`;
          return (
            <li key={s.id} className={`log-stream log-stream-${s.state}`}>
              <label title={`${s.cluster} · ${s.namespace}/${s.pod} · ${s.container}${s.containerId ? ` · ${s.containerId}` : ''}`}>
                <input type="checkbox" checked={!hidden.includes(s.id)} onChange={() => toggleStream(s.id)} aria-label={`Show ${label}`} />
                <span className="log-swatch" style={streamColourVars(`${s.cluster}/${s.namespace}/${s.pod}`, s.container) as CSSProperties} aria-hidden="true" />
                <span className="log-stream-name">{shown}</span>
              </label>
              <span className="log-stream-state" data-state={s.state}>
                {STATE_TEXT[s.state]}
                {s.restarts ? ` · restart ${s.restarts}` : ''}
              </span>
              {s.message && <span className="log-stream-message">{s.message}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
