/**
 * One renderer's subscription to the topology of some clusters: a chunked snapshot of their shared
 * relation graphs, then deltas — the first change after a quiet spell at once, then at most every
 * flushMs. While the renderer has not taken the last delta, changes fold into the pending one (a
 * pod updated five times is sent once), as in the resource feed.
 */
import type { Disposable } from '../../shared/api/define';
import type { TopoEdge, TopoLoad, TopologyEvent, TopoNode } from '../../shared/topology/graph';
import type { TopologyDelta } from '../../shared/topology/relations';
import type { StreamSink } from '../api/stream-sink';
import type { ClusterTopology } from './cluster-topology';

/** What a watch reads a cluster's graph from. */
export type TopologySource = Pick<ClusterTopology, 'subscribe' | 'ready'>;

/** Nodes and edges per snapshot chunk, so the first part of a big cluster shows at once. */
export const SNAPSHOT_CHUNK = 2_000;

export class TopologyWatch implements Disposable {
  /** Changes not yet sent: the newest node or edge per id, or null when it went away. */
  private readonly nodes = new Map<string, TopoNode | null>();
  private readonly edges = new Map<string, TopoEdge | null>();
  /** Load-only changes; a node upserted later carries its load itself. */
  private readonly loads = new Map<string, TopoLoad | null>();
  private readonly unsubscribes: Array<() => void> = [];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private lastFlush = 0;

  constructor(
    private readonly topologies: readonly TopologySource[],
    private readonly sink: StreamSink<TopologyEvent>,
    private readonly flushMs = 100,
  ) {}

  start(): this {
    this.started = true;
    // The snapshot waits until each cluster's graph has read its cache (at most a moment).
    void Promise.all(this.topologies.map((t) => t.ready)).then(() => this.sendSnapshot());
    return this;
  }

  private sendSnapshot(): void {
    if (!this.started) return;
    const nodes: TopoNode[] = [];
    const edges: TopoEdge[] = [];
    for (const topology of this.topologies) {
      const { snapshot, unsubscribe } = topology.subscribe((delta) => this.fold(delta));
      this.unsubscribes.push(unsubscribe);
      nodes.push(...snapshot.nodes);
      edges.push(...snapshot.edges);
    }
    const total = nodes.length + edges.length;
    const at = Date.now();
    for (let i = 0; i === 0 || i < total; i += SNAPSHOT_CHUNK) {
      const end = Math.min(total, i + SNAPSHOT_CHUNK);
      this.sink.push({
        type: 'snapshot',
        seq: ++this.seq,
        nodes: nodes.slice(Math.min(i, nodes.length), Math.min(end, nodes.length)),
        edges: edges.slice(Math.max(0, i - nodes.length), Math.max(0, end - nodes.length)),
        last: end >= total,
        at,
      });
    }
    this.schedule();
  }

  dispose(): void {
    this.started = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private fold(delta: TopologyDelta): void {
    for (const id of delta.removedNodes) {
      this.nodes.set(id, null);
      this.loads.delete(id);
    }
    for (const node of delta.upsertedNodes) {
      this.nodes.set(node.id, node);
      this.loads.delete(node.id);
    }
    for (const [id, load] of delta.loads ?? []) this.loads.set(id, load);
    for (const id of delta.removedEdges) this.edges.set(id, null);
    for (const edge of delta.upsertedEdges) this.edges.set(edge.id, edge);
    this.schedule();
  }

  /** A timer only while changes wait, as in the resource feed. */
  private schedule(): void {
    if (!this.started || this.timer !== undefined || this.nodes.size + this.edges.size + this.loads.size === 0) return;
    const delay = Math.max(0, this.lastFlush + this.flushMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
      this.schedule();
    }, delay);
  }

  private flush(): void {
    this.lastFlush = performance.now();
    // While the renderer has not taken the last delta, changes keep folding into the next one.
    if (this.sink.backlog > 0) return;
    const event: Extract<TopologyEvent, { type: 'delta' }> = { type: 'delta', seq: ++this.seq, at: Date.now(), upsertedNodes: [], removedNodes: [], upsertedEdges: [], removedEdges: [] };
    for (const [id, node] of this.nodes) {
      if (node) event.upsertedNodes.push(node);
      else event.removedNodes.push(id);
    }
    for (const [id, edge] of this.edges) {
      if (edge) event.upsertedEdges.push(edge);
      else event.removedEdges.push(id);
    }
    if (this.loads.size > 0) event.loads = [...this.loads];
    this.nodes.clear();
    this.edges.clear();
    this.loads.clear();
    this.sink.push(event);
  }
}
