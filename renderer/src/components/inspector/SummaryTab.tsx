/**
 * The inspector's summary of one object, from the topology's relation graph: what it is and how it
 * is doing, what it relates to (each relation moves the map's focus there and opens it), its labels
 * and its recent events.
 */
import { useEffect, useMemo, useState } from 'react';
import { kindInfo, type KindId } from '../../../../shared/model/kinds';
import type { ObjectRef } from '../../../../shared/model/object-ref';
import { rowKey, type EventRow } from '../../../../shared/model/rows';
import type { Health, RelationKind, TopoNode } from '../../../../shared/topology/graph';
import { parseId } from '../../../../shared/topology/ids';
import { useActiveClusters, useResourceFeed } from '../../host/use-resource-feed';
import { useInspectorStore } from '../../stores/inspector-store';
import { useTopologyStore } from '../../stores/topology-store';
import { acquireTopology, inspectNode, type Inspection } from '../../views/topology/topology-session';
import '../../views/topology/topology.css';

const RELATION_TEXT: Record<RelationKind, [out: string, inbound: string]> = {
  owns: ['owns', 'owned by'],
  selects: ['selects', 'selected by'],
  routes: ['routes to', 'routed from'],
  'runs-on': ['runs on', 'runs'],
  mounts: ['mounts', 'mounted by'],
  config: ['uses config', 'config of'],
  secret: ['uses secret', 'secret of'],
  policy: ['policy for', 'governed by'],
  scales: ['scales', 'scaled by'],
  traffic: ['sends traffic to', 'receives traffic from'],
};
const HEALTH_TEXT: Record<Health, string> = { ok: 'ready', pending: 'pending', failed: 'failing', terminating: 'terminating', unknown: 'unknown' };
const MAX_EVENTS = 10;

export function SummaryTab({ target }: { target: ObjectRef }) {
  const clusters = useActiveClusters();
  useEffect(() => acquireTopology(clusters), [clusters]);
  const id = rowKey(target.cluster, target.kind, target.namespace, target.name);
  const generation = useTopologyStore((s) => s.graph.generation);
  const drawn = useTopologyStore((s) => s.graph.nodes.find((n) => n.id === id || n.target === id));
  const [inspection, setInspection] = useState<Inspection | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void inspectNode(id).then((answer) => {
      if (current) setInspection(answer);
    });
    return () => {
      current = false;
    };
  }, [id, generation]);
  const node = inspection?.node;

  return (
    <div className="topology-summary">
      <dl>
        <dt>Kind</dt>
        <dd>{kindInfo(target.kind).kind}</dd>
        {target.namespace && (
          <>
            <dt>Namespace</dt>
            <dd>{target.namespace}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd className={node ? `topology-health-${node.health}` : undefined}>{node ? node.status : inspection ? 'Not in the topology' : 'Loading…'}</dd>
        {node?.desired !== undefined && (
          <>
            <dt>Ready</dt>
            <dd>
              {node.ready ?? 0}/{node.desired}
            </dd>
          </>
        )}
        {drawn && drawn.size > 1 && (
          <>
            <dt>Members</dt>
            <dd>
              {(Object.keys(drawn.counts) as Health[])
                .filter((h) => drawn.counts[h] > 0)
                .map((h) => `${drawn.counts[h]} ${HEALTH_TEXT[h]}`)
                .join(', ')}
            </dd>
          </>
        )}
        {(node?.restarts ?? drawn?.restarts ?? 0) > 0 && (
          <>
            <dt>Restarts</dt>
            <dd>{node?.restarts ?? drawn?.restarts}</dd>
          </>
        )}
        {(node?.load ?? drawn?.load) && (
          <>
            <dt>Load</dt>
            <dd>{loadText((node?.load ?? drawn?.load)!)}</dd>
          </>
        )}
      </dl>
      {node?.labels && Object.keys(node.labels).length > 0 && (
        <>
          <h3>Labels</h3>
          <p className="topology-labels-list">
            {Object.entries(node.labels).map(([k, v]) => (
              <code key={k}>
                {k}={v}
              </code>
            ))}
          </p>
        </>
      )}
      <Relations inspection={inspection} />
      <RecentEvents target={target} />
    </div>
  );
}

function loadText(load: NonNullable<TopoNode['load']>): string {
  const parts: string[] = [];
  if (load.cpu !== undefined) parts.push(`CPU ${Math.round(load.cpu * 100)}%`);
  if (load.memory !== undefined) parts.push(`memory ${Math.round(load.memory * 100)}%`);
  return parts.join(', ');
}

function Relations({ inspection }: { inspection: Inspection | undefined }) {
  if (!inspection?.node) return null;
  const relations = [...inspection.relations].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.direction.localeCompare(b.direction) || a.node.name.localeCompare(b.node.name),
  );
  return (
    <>
      <h3>Relations ({relations.length})</h3>
      {relations.length === 0 ? (
        <p className="empty-note">None</p>
      ) : (
        <ul aria-label="Relations">
          {relations.map((r) => (
            <li key={`${r.kind}:${r.direction}:${r.node.id}:${r.port ?? ''}`}>
              {RELATION_TEXT[r.kind][r.direction === 'out' ? 0 : 1]}{' '}
              <button type="button" className="link-button" onClick={() => goTo(r.node)}>
                {kindInfo(r.node.kind).kind} {r.node.namespace ? `${r.node.namespace}/` : ''}
                {r.node.name}
              </button>
              {r.port ? ` :${r.port}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Moves the map's focus to the drawn node holding this object (its own, or its workload's group) and opens it. */
function goTo(node: TopoNode): void {
  const { graph, setFocus } = useTopologyStore.getState();
  const candidates = [node.id, node.workload ? `group:${node.workload}` : undefined, `group:${node.id}`];
  const drawn = graph.nodes.find((n) => candidates.includes(n.id) || n.target === node.id);
  if (drawn) setFocus(drawn.id);
  const ref = parseId(node.id);
  if (ref) useInspectorStore.getState().open(ref);
}

function RecentEvents({ target }: { target: ObjectRef }) {
  const feed = useResourceFeed({
    clusters: [target.cluster],
    kinds: ['events' as KindId],
    ...(target.namespace ? { namespaces: [target.namespace] } : {}),
  });
  const kind = kindInfo(target.kind).kind;
  const version = feed?.version ?? 0;
  const rows = feed?.rows;
  const events = useMemo(() => {
    const out: EventRow[] = [];
    for (const row of rows?.values() ?? []) {
      const e = row as EventRow;
      if (e.involved.kind === kind && e.involved.name === target.name && (e.involved.namespace ?? '') === (target.namespace ?? '')) out.push(e);
    }
    return out.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, MAX_EVENTS);
    // `version` changes when the Map's contents do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, version, kind, target.name, target.namespace]);
  return (
    <>
      <h3>Recent events</h3>
      {events.length === 0 ? (
        <p className="empty-note">{feed?.phase === 'loading' ? 'Loading…' : 'No recent events'}</p>
      ) : (
        <ul aria-label="Recent events">
          {events.map((e) => (
            <li key={e.key} className={e.type === 'Warning' ? 'topology-event-warning' : undefined}>
              <strong>{e.reason}</strong> {e.message}
              {e.count > 1 ? ` (×${e.count})` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
