/** The same drawn graph as a table (Scope's grid mode): one row per map node, virtualized. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { describeTopology, useTopologyStore } from '../../stores/topology-store';
import { describeNode, openNode } from './open-node';

const ROW_HEIGHT = 28;

export function TopologyTable() {
  const nodes = useTopologyStore((s) => s.graph.nodes);
  const edges = useTopologyStore((s) => s.graph.edges);
  const description = useTopologyStore(describeTopology);
  const rows = useMemo(
    () => [...nodes].sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
    [nodes],
  );
  const degree = useMemo(() => {
    const d = new Map<string, number>();
    for (const e of edges) {
      d.set(e.source, (d.get(e.source) ?? 0) + 1);
      d.set(e.target, (d.get(e.target) ?? 0) + 1);
    }
    return d;
  }, [edges]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; rows re-render on its own updates
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="topology-table-scroll" ref={scrollRef}>
      <table className="topology-table" aria-label={description} aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{description}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Namespace</th>
            <th scope="col">Status</th>
            <th scope="col">Ready</th>
            <th scope="col">Objects</th>
            <th scope="col">Restarts</th>
            <th scope="col">Relations</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {items.map((item) => {
            const n = rows[item.index]!;
            return (
              <tr key={n.id} aria-rowindex={item.index + 2} data-health={n.health} style={{ height: ROW_HEIGHT }}>
                <td>
                  <button type="button" className="link-button" aria-label={`Open ${describeNode(n)}`} onClick={() => openNode(n)}>
                    {n.label}
                  </button>
                </td>
                <td>{n.kind === 'group' ? 'workload' : n.kind}</td>
                <td>{n.namespace ?? ''}</td>
                <td>
                  <span className={`topology-health topology-health-${n.health}`}>{n.status}</span>
                </td>
                <td>{n.desired !== undefined ? `${n.ready ?? 0}/${n.desired}` : ''}</td>
                <td>{n.size}</td>
                <td>{n.restarts || ''}</td>
                <td>{degree.get(n.id) ?? 0}</td>
              </tr>
            );
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
