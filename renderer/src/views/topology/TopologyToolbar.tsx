/**
 * The map's controls: view, filters, Live/Pause with the pending count, the history scrubber while
 * paused, Re-layout, and Map/Table with a suggestion when the picture is past what reads well.
 */
import { useEffect, useState } from 'react';
import type { KindId } from '../../../../shared/model/kinds';
import { kindInfo } from '../../../../shared/model/kinds';
import { TOPOLOGY_KINDS } from '../../../../shared/topology/node-projection';
import type { TopoViewId } from '../../../../shared/topology/view-graph';
import { NamespacePicker } from '../../components/table/NamespacePicker';
import { TOPOLOGY_VIEWS, useTopologyStore } from '../../stores/topology-store';
import { postToWorker } from './topology-session';

export function TopologyToolbar({ clusters }: { clusters: string[] }) {
  const view = useTopologyStore((s) => s.view);
  const setView = useTopologyStore((s) => s.setView);
  const display = useTopologyStore((s) => s.display);
  const setDisplay = useTopologyStore((s) => s.setDisplay);
  const complexity = useTopologyStore((s) => s.graph.complexity);
  const expanded = useTopologyStore((s) => s.expanded);
  const paused = useTopologyStore((s) => s.status.paused);
  return (
    <div className="topology-toolbar" role="toolbar" aria-label="Topology">
      <label className="topology-field">
        View
        <select value={view} onChange={(e) => setView(e.target.value as TopoViewId)}>
          {TOPOLOGY_VIEWS.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <Filters clusters={clusters} />
      <LiveControls />
      <button type="button" onClick={() => postToWorker({ type: 'relayout' })} disabled={display !== 'map' || paused}>
        Re-layout
      </button>
      {expanded.length > 0 && (
        <button type="button" onClick={() => useTopologyStore.setState({ expanded: [] })}>
          Fold {expanded.length} unfolded
        </button>
      )}
      <div className="topology-display" role="radiogroup" aria-label="Show as">
        {(['map', 'table'] as const).map((d) => (
          <button key={d} type="button" role="radio" aria-checked={display === d} onClick={() => setDisplay(d)}>
            {d === 'map' ? 'Map' : 'Table'}
          </button>
        ))}
      </div>
      {complexity?.suggestTable && display === 'map' && (
        <p className="topology-suggestion">
          {complexity.nodes} nodes and {complexity.edges} edges: this view may read better as a table.{' '}
          <button type="button" className="link-button" onClick={() => setDisplay('table')}>
            Show table
          </button>
        </p>
      )}
    </div>
  );
}

function Filters({ clusters }: { clusters: string[] }) {
  const filter = useTopologyStore((s) => s.filter);
  const setFilter = useTopologyStore((s) => s.setFilter);
  const namespaces = useTopologyStore((s) => s.graph.nodes);
  const [text, setText] = useState(filter.text ?? '');
  const [labels, setLabels] = useState(filter.labelSelector ?? '');
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.text ?? '') !== text) setFilter({ text: text || undefined });
    }, 200);
    return () => clearTimeout(timer);
  }, [text, filter.text, setFilter]);
  const shownNamespaces = [...new Set(namespaces.flatMap((n) => (n.namespace ? [n.namespace] : [])))];
  const kinds = filter.kinds ?? [];
  const toggleKind = (kind: KindId) =>
    setFilter({ kinds: kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind] });
  return (
    <>
      <NamespacePicker
        clusters={clusters}
        selected={filter.namespaces ?? []}
        rowNamespaces={shownNamespaces}
        onChange={(ns) => setFilter({ namespaces: ns })}
      />
      <details className="topology-kinds">
        <summary>Kinds: {kinds.length === 0 ? 'all' : kinds.length <= 2 ? kinds.map((k) => kindInfo(k).kind).join(', ') : `${kinds.length} selected`}</summary>
        <div className="topology-kinds-popover" role="group" aria-label="Kinds">
          {TOPOLOGY_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={kinds.includes(kind)} onChange={() => toggleKind(kind)} />
              {kindInfo(kind).kind}
            </label>
          ))}
        </div>
      </details>
      <input
        type="search"
        className="topology-labels"
        placeholder="Labels: app=shop,tier!=db"
        aria-label="Label selector"
        value={labels}
        onChange={(e) => setLabels(e.target.value)}
        onBlur={() => setFilter({ labelSelector: labels.trim() || undefined })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setFilter({ labelSelector: labels.trim() || undefined });
        }}
      />
      <input type="search" placeholder="Find" aria-label="Find in map" value={text} onChange={(e) => setText(e.target.value)} />
      <label className="topology-check">
        <input type="checkbox" checked={filter.onlyUnhealthy ?? false} onChange={(e) => setFilter({ onlyUnhealthy: e.target.checked || undefined })} />
        Only unhealthy
      </label>
    </>
  );
}

function LiveControls() {
  const status = useTopologyStore((s) => s.status);
  const { paused, pending, history, scrubAt } = status;
  const pendingText = `${pending} ${pending === 1 ? 'change' : 'changes'} pending`;
  return (
    <div className="topology-live" role="group" aria-label="Live updates">
      <button
        type="button"
        aria-pressed={paused}
        onClick={() => postToWorker({ type: paused ? 'resume' : 'pause' })}
        disabled={!status.loaded}
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <span className={`topology-mode ${paused ? 'paused' : 'live'}`} data-testid="topology-mode">
        {paused ? `Paused, ${pendingText}` : 'Live'}
      </span>
      {paused && history && history.to > history.from && (
        <label className="topology-field topology-scrub">
          History
          <input
            type="range"
            min={history.from}
            max={history.to}
            step={1000}
            value={scrubAt ?? history.to}
            aria-valuetext={scrubAt === null ? 'at pause' : new Date(scrubAt).toLocaleTimeString()}
            onChange={(e) => postToWorker({ type: 'scrub', at: Number(e.target.value) })}
          />
          {scrubAt !== null && (
            <button type="button" onClick={() => postToWorker({ type: 'scrub', at: null })}>
              Back to pause point
            </button>
          )}
        </label>
      )}
    </div>
  );
}
