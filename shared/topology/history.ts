/**
 * The last minutes of the relation graph, to scrub back through while paused: a base state plus the
 * deltas since, each stamped with the host time it was cut. Memory is bounded twice — by time and by
 * an estimate of bytes — and whatever falls out of either is folded into the base, which moves
 * forward. A past state is rebuilt by replaying the kept deltas onto a copy of the base.
 */
import type { TopoEdge, TopoNode, TopologyEvent } from './graph';
import { applyDelta, applyTopologyEvent, cloneGraphState, emptyGraphState, type TopologyDeltaEvent } from './graph-state';
import type { GraphState } from './view-graph';

export interface HistoryOptions {
  /** How far back the user can scrub; 30 minutes unless told. */
  windowMs?: number;
  /** Bound on the estimated size of the base and the kept deltas together. */
  maxBytes?: number;
}

interface Kept {
  event: TopologyDeltaEvent;
  bytes: number;
}

const DEFAULT_WINDOW_MS = 30 * 60_000;
const DEFAULT_MAX_BYTES = 64 * 2 ** 20;
/** Map entry, object header and numbers of one node or edge, beyond its strings. */
const ENTRY_OVERHEAD = 120;

export class TopologyHistory {
  readonly windowMs: number;
  readonly maxBytes: number;
  private base: GraphState = emptyGraphState();
  private baseAt: number | undefined;
  private baseBytes = 0;
  private kept: Kept[] = [];
  private keptBytes = 0;
  private receivingSnapshot = false;

  constructor(options: HistoryOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  get approxBytes(): number {
    return this.baseBytes + this.keptBytes;
  }

  /** Deltas held beyond the base. */
  get depth(): number {
    return this.kept.length;
  }

  /**
   * Takes every event the stream delivers. A snapshot (a new subscription) starts a new history at
   * its host time (or `receivedAt` when it has none); deltas carry their own time.
   */
  record(event: TopologyEvent, receivedAt = Date.now()): void {
    if (event.type === 'snapshot') {
      if (!this.receivingSnapshot) {
        this.base = emptyGraphState();
        this.baseBytes = 0;
        this.kept = [];
        this.keptBytes = 0;
        this.baseAt = event.at ?? receivedAt;
      }
      this.receivingSnapshot = !event.last;
      applyTopologyEvent(this.base, event);
      for (const node of event.nodes) this.baseBytes += nodeBytes(node);
      for (const edge of event.edges) this.baseBytes += edgeBytes(edge);
      return;
    }
    if (this.baseAt === undefined) this.baseAt = event.at;
    const bytes = deltaBytes(event);
    this.kept.push({ event, bytes });
    this.keptBytes += bytes;
    this.prune(event.at);
  }

  /** The time span that can be shown, or undefined before anything was recorded. */
  range(): { from: number; to: number } | undefined {
    if (this.baseAt === undefined) return undefined;
    return { from: this.baseAt, to: this.kept.at(-1)?.event.at ?? this.baseAt };
  }

  /** The graph as it was at `timeMs` (clamped to the range): a fresh state the caller may keep. */
  stateAt(timeMs: number): GraphState {
    const state = cloneGraphState(this.base);
    // Deltas are in time order: stop at the first one after the moment asked for.
    let lo = 0;
    let hi = this.kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.kept[mid]!.event.at <= timeMs) lo = mid + 1;
      else hi = mid;
    }
    for (let i = 0; i < lo; i++) applyDelta(state, this.kept[i]!.event);
    return state;
  }

  private prune(now: number): void {
    let drop = 0;
    let bytes = this.baseBytes + this.keptBytes;
    while (drop < this.kept.length && (this.kept[drop]!.event.at < now - this.windowMs || bytes > this.maxBytes)) {
      const { event, bytes: size } = this.kept[drop]!;
      this.keptBytes -= size;
      this.foldIntoBase(event);
      this.baseAt = event.at;
      bytes = this.baseBytes + this.keptBytes;
      drop++;
    }
    if (drop > 0) this.kept.splice(0, drop);
  }

  private foldIntoBase(event: TopologyDeltaEvent): void {
    for (const id of event.removedNodes) this.baseBytes -= sizeOr0(this.base.nodes.get(id), nodeBytes);
    for (const node of event.upsertedNodes) this.baseBytes += nodeBytes(node) - sizeOr0(this.base.nodes.get(node.id), nodeBytes);
    for (const id of event.removedEdges) this.baseBytes -= sizeOr0(this.base.edges.get(id), edgeBytes);
    for (const edge of event.upsertedEdges) this.baseBytes += edgeBytes(edge) - sizeOr0(this.base.edges.get(edge.id), edgeBytes);
    // Loads replace a node by a same-sized copy: the estimate does not move.
    applyDelta(this.base, event);
  }
}

const sizeOr0 = <T>(value: T | undefined, size: (v: T) => number): number => (value === undefined ? 0 : size(value));

/** Strings count twice (UTF-16); labels are usually shared with other versions of the node but counted anyway. */
function nodeBytes(node: TopoNode): number {
  let chars = node.id.length + node.name.length + node.status.length + (node.workload?.length ?? 0) + (node.host?.length ?? 0);
  if (node.labels) for (const [k, v] of Object.entries(node.labels)) chars += k.length + v.length + 16;
  return ENTRY_OVERHEAD + chars * 2;
}

function edgeBytes(edge: TopoEdge): number {
  return ENTRY_OVERHEAD + (edge.id.length + (edge.port?.length ?? 0)) * 2;
}

function deltaBytes(event: TopologyDeltaEvent): number {
  let bytes = 64;
  for (const node of event.upsertedNodes) bytes += nodeBytes(node);
  for (const id of event.removedNodes) bytes += 16 + id.length * 2;
  for (const edge of event.upsertedEdges) bytes += edgeBytes(edge);
  for (const id of event.removedEdges) bytes += 16 + id.length * 2;
  for (const [id] of event.loads ?? []) bytes += 64 + id.length * 2;
  return bytes;
}
