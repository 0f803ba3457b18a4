/**
 * The relation graph as a consumer holds it: a snapshot, then deltas applied in order. Node and edge
 * objects are never mutated once received, so states (and the history's copies) share them freely.
 */
import type { TopologyEvent } from './graph';
import type { GraphState } from './view-graph';

export type TopologyDeltaEvent = Extract<TopologyEvent, { type: 'delta' }>;

/** Snapshots being received, per state: the first chunk replaces what the state held. */
const receiving = new WeakSet<GraphState>();
const lastSeq = new WeakMap<GraphState, number>();

export function emptyGraphState(): GraphState {
  return { nodes: new Map(), edges: new Map() };
}

export function cloneGraphState(state: GraphState): GraphState {
  return { nodes: new Map(state.nodes), edges: new Map(state.edges) };
}

/** Whether an event follows the last one applied; when not, the consumer resubscribes. */
export function isNextEvent(state: GraphState, event: TopologyEvent): boolean {
  const last = lastSeq.get(state);
  return last === undefined || event.seq === last + 1;
}

export function applyTopologyEvent(state: GraphState, event: TopologyEvent): void {
  lastSeq.set(state, event.seq);
  if (event.type === 'snapshot') {
    if (!receiving.has(state)) {
      state.nodes.clear();
      state.edges.clear();
    }
    if (event.last) receiving.delete(state);
    else receiving.add(state);
    for (const node of event.nodes) state.nodes.set(node.id, node);
    for (const edge of event.edges) state.edges.set(edge.id, edge);
    return;
  }
  applyDelta(state, event);
}

export function applyDelta(
  state: GraphState,
  delta: Pick<TopologyDeltaEvent, 'upsertedNodes' | 'removedNodes' | 'upsertedEdges' | 'removedEdges' | 'loads'>,
): void {
  for (const id of delta.removedNodes) state.nodes.delete(id);
  for (const node of delta.upsertedNodes) state.nodes.set(node.id, node);
  for (const id of delta.removedEdges) state.edges.delete(id);
  for (const edge of delta.upsertedEdges) state.edges.set(edge.id, edge);
  for (const [id, load] of delta.loads ?? []) {
    const node = state.nodes.get(id);
    if (!node) continue;
    // A new object: nodes are shared (history, previous states) and never changed in place.
    const { load: _old, ...rest } = node;
    state.nodes.set(id, load ? { ...rest, load } : rest);
  }
}

/** Equal content, for tests and checks: same ids mapping to equal nodes and edges. */
export function sameGraphState(a: GraphState, b: GraphState): boolean {
  if (a.nodes.size !== b.nodes.size || a.edges.size !== b.edges.size) return false;
  for (const [id, node] of a.nodes) if (!deepEqual(node, b.nodes.get(id))) return false;
  for (const [id, edge] of a.edges) if (!deepEqual(edge, b.edges.get(id))) return false;
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
