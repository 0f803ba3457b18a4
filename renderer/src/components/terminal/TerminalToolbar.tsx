/** Above the active terminal: its state in words, the container picker, search, reconnect. */
import { useMemo, useState } from 'react';
import type { PodRow } from '../../../../shared/model/rows';
import { useResourceFeed } from '../../host/use-resource-feed';
import { useTerminalsStore, type TerminalTab } from '../../stores/terminals-store';
import { existingTerminal } from './terminal-registry';
import type { TabState } from './terminal-session';

export function stateText(state: TabState): string {
  switch (state.phase) {
    case 'starting':
      return 'Starting…';
    case 'connecting':
      return state.detail ?? 'Connecting…';
    case 'open':
      return `Connected${state.container ? ` to ${state.container}` : ''} (${state.protocol})`;
    case 'exited':
      return `Exited with code ${state.code}`;
    case 'error':
      return `Error: ${state.message}`;
    case 'closed':
      return 'Closed';
  }
}

export function TerminalToolbar({ tab }: { tab: TerminalTab }) {
  const { request, state } = tab;
  const ended = state.phase === 'exited' || state.phase === 'error' || state.phase === 'closed';
  const noShell = state.phase === 'error' && /executable file not found|no such file or directory/i.test(state.message);
  const store = useTerminalsStore.getState();

  return (
    <div className="terminal-toolbar">
      <p className={`terminal-state terminal-state-${state.phase}`} role="status" aria-live="polite">
        {stateText(state)}
      </p>
      {request.kind === 'shell' && <ContainerPicker tab={tab} />}
      {noShell && request.kind === 'shell' && (
        <button
          type="button"
          onClick={() => store.openDebug({ cluster: request.cluster, namespace: request.namespace, pod: request.pod, image: 'busybox:1.36', target: request.container })}
        >
          Start a debug container
        </button>
      )}
      {ended && (
        <button type="button" onClick={() => store.restart(tab.key)}>
          Reconnect
        </button>
      )}
      <TerminalSearch tab={tab} />
      <button type="button" aria-label={`Close ${tab.title}`} onClick={() => store.close(tab.key)}>
        Close
      </button>
    </div>
  );
}

/** Opens another shell in a different container of the same pod. */
function ContainerPicker({ tab }: { tab: TerminalTab }) {
  const request = tab.request as Extract<TerminalTab['request'], { kind: 'shell' }>;
  const feed = useResourceFeed({ clusters: [request.cluster], kinds: ['pods'], namespaces: [request.namespace] });
  const version = feed?.version ?? 0;
  const containers = useMemo(() => {
    for (const row of feed?.rows.values() ?? []) {
      const pod = row as PodRow;
      if (pod.name === request.pod && pod.namespace === request.namespace) return pod.containers.map((c) => c.name);
    }
    return [];
    // `version` changes when the Map's contents do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feed?.rows, version, request.pod, request.namespace]);
  const current = tab.state.phase === 'open' ? tab.state.container : request.container;
  if (containers.length < 2) return null;
  return (
    <label className="terminal-field">
      Container
      <select
        value={current ?? ''}
        onChange={(e) => useTerminalsStore.getState().openShell({ cluster: request.cluster, namespace: request.namespace, pod: request.pod, container: e.target.value })}
      >
        {current === undefined && <option value="">(default)</option>}
        {containers.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

function TerminalSearch({ tab }: { tab: TerminalTab }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean | undefined>(undefined);
  const find = (forward: boolean) => {
    const search = existingTerminal(tab.key)?.search;
    if (!query || !search) return;
    setFound(forward ? search.findNext(query) : search.findPrevious(query));
  };
  return (
    <form
      className="terminal-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        find(true);
      }}
    >
      <input
        type="search"
        aria-label="Search the terminal output"
        placeholder="Search output"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setFound(undefined);
        }}
      />
      <button type="button" aria-label="Previous match" onClick={() => find(false)}>
        ↑
      </button>
      <button type="submit" aria-label="Next match">
        ↓
      </button>
      {found === false && <span className="terminal-search-miss">No match</span>}
    </form>
  );
}
