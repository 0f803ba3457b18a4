import { describe, expect, it } from 'vitest';
import type { TopoNode } from './graph';
import { applyTopologyEvent, emptyGraphState, isNextEvent, sameGraphState } from './graph-state';

const node = (name: string, status = 'Running'): TopoNode => ({ id: `c/pods/ns/${name}`, cluster: 'c', kind: 'pods', namespace: 'ns', name, health: 'ok', status });
const edge = (a: string, b: string) => ({ id: `selects:${a}->${b}`, source: a, target: b, kind: 'selects' as const });

describe('applyTopologyEvent', () => {
  it('replaces the state from the first snapshot chunk and adds the following chunks', () => {
    const state = emptyGraphState();
    applyTopologyEvent(state, { type: 'snapshot', seq: 1, nodes: [node('old')], edges: [], last: true });
    applyTopologyEvent(state, { type: 'snapshot', seq: 1, nodes: [node('a')], edges: [], last: false });
    applyTopologyEvent(state, { type: 'snapshot', seq: 2, nodes: [node('b')], edges: [edge(node('a').id, node('b').id)], last: true });
    expect([...state.nodes.keys()]).toEqual([node('a').id, node('b').id]);
    expect(state.edges.size).toBe(1);
  });

  it('applies deltas: upserts replace, removals delete', () => {
    const state = emptyGraphState();
    applyTopologyEvent(state, { type: 'snapshot', seq: 1, nodes: [node('a'), node('b')], edges: [edge(node('a').id, node('b').id)], last: true });
    applyTopologyEvent(state, { type: 'delta', seq: 2, at: 1, upsertedNodes: [node('a', 'Error')], removedNodes: [node('b').id], upsertedEdges: [], removedEdges: [edge(node('a').id, node('b').id).id] });
    const expected = emptyGraphState();
    expected.nodes.set(node('a').id, node('a', 'Error'));
    expect(sameGraphState(state, expected)).toBe(true);
    expect(sameGraphState(state, emptyGraphState())).toBe(false);
  });

  it('tells a gap in the sequence', () => {
    const state = emptyGraphState();
    const delta = (seq: number) => ({ type: 'delta' as const, seq, at: seq, upsertedNodes: [], removedNodes: [], upsertedEdges: [], removedEdges: [] });
    expect(isNextEvent(state, delta(1))).toBe(true);
    applyTopologyEvent(state, delta(1));
    expect(isNextEvent(state, delta(2))).toBe(true);
    expect(isNextEvent(state, delta(4))).toBe(false);
  });

  it('applies load-only changes to copies of the nodes', () => {
    const state = emptyGraphState();
    const a = node('a');
    applyTopologyEvent(state, { type: 'snapshot', seq: 1, nodes: [a], edges: [], last: true });
    const delta = (seq: number, load: { cpu: number } | null) => ({ type: 'delta' as const, seq, at: seq, upsertedNodes: [], removedNodes: [], upsertedEdges: [], removedEdges: [], loads: [[a.id, load] as [string, { cpu: number } | null]] });
    applyTopologyEvent(state, delta(2, { cpu: 0.7 }));
    expect(state.nodes.get(a.id)).toEqual({ ...a, load: { cpu: 0.7 } });
    expect(a.load).toBeUndefined();
    applyTopologyEvent(state, delta(3, null));
    expect(state.nodes.get(a.id)).toEqual(a);
  });
});
