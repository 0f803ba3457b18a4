/**
 * What to follow: a query box in stern's syntax, and the same choices as controls (cluster,
 * namespace, workload or pod, container regexes, since, tail). The controls write a query; the
 * query box shows what is followed either way.
 */
import { memo, useState, type FormEvent } from 'react';
import { parseDuration, type FollowKind } from '../../../../shared/logs/stern-query';
import type { LogFollowOptions, LogSelector } from '../../../../shared/model/logs';
import type { KindId } from '../../../../shared/model/kinds';
import { useActiveClusters, useNamespaceNames, useResourceFeed } from '../../host/use-resource-feed';
import { useLogsStore } from '../../stores/logs-store';

const TARGET_KINDS: Array<{ id: FollowKind | 'pattern'; label: string }> = [
  { id: 'deployments', label: 'Deployment' },
  { id: 'statefulsets', label: 'StatefulSet' },
  { id: 'daemonsets', label: 'DaemonSet' },
  { id: 'jobs', label: 'Job' },
  { id: 'cronjobs', label: 'CronJob' },
  { id: 'pods', label: 'Pod' },
  { id: 'pattern', label: 'Pods matching regex' },
];

const SINCE_CHOICES = ['', '30s', '5m', '15m', '1h', '6h', '24h'];

function useScopeDefaults() {
  const active = useActiveClusters();
  const scope = useLogsStore((s) => s.scope);
  const clusters = scope.cluster && active.includes(scope.cluster) ? [scope.cluster] : active;
  return { active, clusters, namespace: scope.namespace || undefined };
}

function NameChoices({ id, kind, clusters, namespace }: { id: string; kind: FollowKind; clusters: string[]; namespace: string | undefined }) {
  const feed = useResourceFeed({ clusters, kinds: [kind as KindId], ...(namespace ? { namespaces: [namespace] } : {}) });
  const names = [...new Set([...(feed?.rows.values() ?? [])].map((r) => r.name))].sort().slice(0, 500);
  return (
    <datalist id={id}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}

/** Memoized: the view re-renders per batch of lines; the query bar has no reason to. */
export const QueryBar = memo(function QueryBar() {
  const query = useLogsStore((s) => s.query);
  const queryError = useLogsStore((s) => s.queryError);
  const following = useLogsStore((s) => s.following);
  const scope = useLogsStore((s) => s.scope);
  const setQuery = useLogsStore((s) => s.setQuery);
  const setScope = useLogsStore((s) => s.setScope);
  const submitQuery = useLogsStore((s) => s.submitQuery);
  const follow = useLogsStore((s) => s.follow);
  const stop = useLogsStore((s) => s.stop);
  const { active, clusters, namespace } = useScopeDefaults();
  const namespaces = useNamespaceNames(clusters);

  const [kind, setKind] = useState<FollowKind | 'pattern'>('deployments');
  const [name, setName] = useState('');
  const [container, setContainer] = useState('');
  const [excludeContainer, setExcludeContainer] = useState('');
  const [since, setSince] = useState('');
  const [tail, setTail] = useState('');
  const [choiceError, setChoiceError] = useState<string | undefined>(undefined);

  const onSubmitQuery = (event: FormEvent) => {
    event.preventDefault();
    submitQuery({ clusters, ...(namespace ? { namespace } : {}), knownContexts: active });
  };

  const onSubmitChoices = (event: FormEvent) => {
    event.preventDefault();
    if (clusters.length === 0) return setChoiceError('Connect a cluster first');
    if (kind !== 'pattern' && name.trim() === '') return setChoiceError(`Name the ${TARGET_KINDS.find((k) => k.id === kind)?.label ?? kind}`);
    const tailNumber = tail.trim() === '' ? undefined : Number(tail);
    if (tailNumber !== undefined && (!Number.isInteger(tailNumber) || tailNumber < -1)) return setChoiceError(`Tail "${tail}" is not a line count`);
    for (const [label, value] of [['Container', container], ['Exclude container', excludeContainer], ['Pod regex', kind === 'pattern' ? name : '']] as const) {
      try {
        new RegExp(value);
      } catch (err) {
        return setChoiceError(`${label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const target: Partial<LogSelector> = kind === 'pattern' ? (name.trim() ? { podPattern: name.trim() } : {}) : { kind, name: name.trim() };
    const options: LogFollowOptions = {
      selectors: clusters.map((cluster) => ({ cluster, ...(namespace ? { namespace } : {}), ...target })),
      ...(container ? { container } : {}),
      ...(excludeContainer ? { excludeContainer } : {}),
      ...(since ? { sinceSeconds: parseDuration(since)! } : {}),
      ...(tailNumber !== undefined ? { tail: tailNumber } : {}),
    };
    setChoiceError(undefined);
    follow(options);
  };

  const errorId = 'log-query-error';
  return (
    <div className="log-query">
      <form className="log-query-form" onSubmit={onSubmitQuery} role="search" aria-label="Follow logs">
        <label className="visually-hidden" htmlFor="log-query-input">
          Follow query (stern syntax)
        </label>
        <input
          id="log-query-input"
          className="log-query-input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="deploy/frontend -n shop --since 5m   ·   '^cart-' -c server   ·   -l app=cart -A"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={queryError ? true : undefined}
          aria-describedby={queryError ? errorId : undefined}
        />
        <button type="submit" className="primary">
          Follow query
        </button>
        {following && (
          <button type="button" onClick={stop}>
            Stop
          </button>
        )}
      </form>
      {queryError && (
        <p id={errorId} className="log-query-error" role="alert">
          {queryError.message}
        </p>
      )}
      <details className="log-choices">
        <summary>Choose instead of typing</summary>
        <form className="log-choices-form" onSubmit={onSubmitChoices} aria-label="Follow choices">
          <label>
            Cluster
            <select value={scope.cluster} onChange={(e) => setScope({ cluster: e.target.value })}>
              <option value="">All connected ({active.length})</option>
              {active.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Namespace
            <select value={scope.namespace} onChange={(e) => setScope({ namespace: e.target.value })}>
              <option value="">All namespaces</option>
              {namespaces.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Follow
            <select value={kind} onChange={(e) => setKind(e.target.value as FollowKind | 'pattern')}>
              {TARGET_KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {kind === 'pattern' ? 'Pod regex' : 'Name'}
            <input value={name} onChange={(e) => setName(e.target.value)} list={kind === 'pattern' ? undefined : 'log-name-choices'} spellCheck={false} />
          </label>
          {kind !== 'pattern' && <NameChoices id="log-name-choices" kind={kind} clusters={clusters} namespace={namespace} />}
          <label>
            Container regex
            <input value={container} onChange={(e) => setContainer(e.target.value)} spellCheck={false} size={10} />
          </label>
          <label>
            Exclude container
            <input value={excludeContainer} onChange={(e) => setExcludeContainer(e.target.value)} spellCheck={false} size={10} />
          </label>
          <label>
            Since
            <select value={since} onChange={(e) => setSince(e.target.value)}>
              {SINCE_CHOICES.map((s) => (
                <option key={s} value={s}>
                  {s || 'container start'}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tail
            <input value={tail} onChange={(e) => setTail(e.target.value)} inputMode="numeric" placeholder="all" size={6} />
          </label>
          <button type="submit">Follow these</button>
          {choiceError && (
            <span className="log-query-error" role="alert">
              {choiceError}
            </span>
          )}
        </form>
      </details>
    </div>
  );
});
