/**
 * One cluster's relation graph, shared by every topology watch of that cluster: the index is built
 * once from the watch cache (half a second at 10k pods, in slices that leave the event loop free
 * for other streams), metrics are polled once, and a new watch gets its snapshot at once. Each
 * batch of changes is applied and handed to the watches as one delta; they coalesce it at their
 * own pace.
 */
import type { TopoEdge, TopoLoad } from '../../shared/topology/graph';
import { isTopologyKind, TOPOLOGY_KINDS } from '../../shared/topology/node-projection';
import { RelationIndex, type TopologyDelta } from '../../shared/topology/relations';
import type { ClusterCache, RowChange } from '../kube/cache/cluster-cache';
import type { CacheRegistry } from '../kube/feed/resource-feed';
import type { TrafficEdgeSource } from './traffic-source';

export interface ClusterTopologyOptions {
  traffic?: readonly TrafficEdgeSource[];
  /** Starts load polling on a connected cluster's cache; returns its stop. */
  startMetrics?: (cluster: string, setLoads: (loads: ReadonlyArray<[string, TopoLoad | undefined]>) => void) => (() => void) | undefined;
}

/** Rows indexed between two turns of the event loop while a cache is first read. */
const LOAD_SLICE = 1_000;

export class ClusterTopology {
  /** Settles once the rows the cache held at start are in the graph. */
  readonly ready: Promise<void>;
  private readonly index = new RelationIndex();
  private generation = 0;
  private readonly listeners = new Set<(delta: TopologyDelta) => void>();
  private readonly stops: Array<() => void> = [];
  private detachCache: (() => void) | undefined;

  private markReady: () => void = () => undefined;

  constructor(
    readonly cluster: string,
    private readonly registry: CacheRegistry,
    private readonly options: ClusterTopologyOptions = {},
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  start(): this {
    const cache = this.registry.cache(this.cluster);
    if (cache) void this.attach(cache).then(() => this.markReady());
    else this.markReady();
    this.stops.push(
      this.registry.onCacheChange((cluster, next) => {
        if (cluster !== this.cluster) return;
        this.detachCache?.();
        this.detachCache = undefined;
        if (next) {
          // A new cache (the user's rights changed): the graph moves to it without emptying first.
          void this.attach(next).then((done) => {
            if (!done) return;
            this.index.removeWhere((row) => next.get(row.kind, row.namespace, row.name) === undefined);
            this.publish();
          });
        } else {
          this.index.removeCluster(cluster);
          this.publish();
        }
      }),
    );
    for (const source of this.options.traffic ?? []) {
      this.stops.push(source.subscribe(this.cluster, (edges: TopoEdge[]) => {
        this.index.setTraffic(source.name, edges);
        this.publish();
      }));
    }
    return this;
  }

  /** The graph now, and every change from here on; the returned function unsubscribes. */
  subscribe(listener: (delta: TopologyDelta) => void): { snapshot: ReturnType<RelationIndex['snapshot']>; unsubscribe: () => void } {
    this.listeners.add(listener);
    return { snapshot: this.index.snapshot(), unsubscribe: () => this.listeners.delete(listener) };
  }

  get watchers(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.generation++;
    this.markReady();
    this.detachCache?.();
    this.detachCache = undefined;
    for (const stop of this.stops.splice(0)) stop();
    this.listeners.clear();
  }

  /**
   * Follows a cache: its changes from now on, and the rows it already holds, a slice at a time.
   * Resolves false when another cache took over meanwhile.
   */
  private async attach(cache: ClusterCache): Promise<boolean> {
    const generation = ++this.generation;
    const off = cache.subscribe((changes) => this.onChanges(changes));
    const stopMetrics = this.options.startMetrics?.(this.cluster, (loads) => {
      for (const [id, load] of loads) this.index.setLoad(id, load);
      this.publish();
    });
    this.detachCache = () => {
      off();
      stopMetrics?.();
    };
    const rows = [...cache.list(TOPOLOGY_KINDS)];
    for (let i = 0; i < rows.length; i += LOAD_SLICE) {
      if (generation !== this.generation) return false;
      // A row changed or deleted since the list was taken has reached the index through its change.
      for (const row of rows.slice(i, i + LOAD_SLICE)) if (cache.get(row.kind, row.namespace, row.name) === row) this.index.upsert(row);
      this.publish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return generation === this.generation;
  }

  private onChanges(changes: RowChange[]): void {
    for (const change of changes) {
      if (change.type === 'upsert') this.index.upsert(change.row);
      else if (isTopologyKind(change.kind)) this.index.remove(change.key);
    }
    this.publish();
  }

  private publish(): void {
    if (this.index.pending === 0) return;
    const delta = this.index.drain();
    for (const listener of this.listeners) listener(delta);
  }
}
