import { describe, expect, it } from 'vitest';
import type { TopoNode, TopologyEvent } from './graph';
import { applyTopologyEvent, emptyGraphState, sameGraphState } from './graph-state';
import { TopologyHistory } from './history';

const node = (name: string, status = 'Running'): TopoNode => ({ id: `c/pods/ns/${name}`, cluster: 'c', kind: 'pods', namespace: 'ns', name, health: 'ok', status });
const delta = (seq: number, at: number, upserted: TopoNode[], removed: string[] = []): TopologyEvent => ({
  type: 'delta',
  seq,
  at,
  upsertedNodes: upserted,
  removedNodes: removed,
  upsertedEdges: [],
  removedEdges: [],
});
const names = (history: TopologyHistory, at: number) => [...history.stateAt(at).nodes.values()].map((n) => `${n.name}:${n.status}`);

describe('TopologyHistory', () => {
  it('rebuilds the graph as it was at any moment in range', () => {
    const history = new TopologyHistory();
    history.record({ type: 'snapshot', seq: 1, nodes: [node('a')], edges: [], last: true }, 1_000);
    history.record(delta(2, 2_000, [node('b')]));
    history.record(delta(3, 3_000, [node('a', 'Error')], [node('b').id]));
    expect(history.range()).toEqual({ from: 1_000, to: 3_000 });
    expect(names(history, 1_500)).toEqual(['a:Running']);
    expect(names(history, 2_000)).toEqual(['a:Running', 'b:Running']);
    expect(names(history, 9_000)).toEqual(['a:Error']);
    expect(names(history, 0)).toEqual(['a:Running']);
  });

  it('folds what falls out of the window into the base, which moves forward', () => {
    const history = new TopologyHistory({ windowMs: 10_000 });
    const live = emptyGraphState();
    const events: TopologyEvent[] = [{ type: 'snapshot', seq: 1, nodes: [node('a')], edges: [], last: true }];
    for (let i = 1; i <= 60; i++) events.push(delta(i + 1, i * 1_000, [node(`p${i % 7}`, `s${i}`)], i % 3 === 0 ? [node(`p${(i + 3) % 7}`).id] : []));
    for (const e of events) {
      applyTopologyEvent(live, e);
      history.record(e, 0);
    }
    expect(history.range()).toEqual({ from: 49_000, to: 60_000 });
    expect(history.depth).toBe(11);
    expect(names(history, 49_500)).toEqual(names(history, 49_000));
    expect(sameGraphState(history.stateAt(60_000), live)).toBe(true);
  });

  it('stays under its byte bound by dropping the oldest deltas first', () => {
    const history = new TopologyHistory({ maxBytes: 20_000 });
    history.record({ type: 'snapshot', seq: 1, nodes: [node('a')], edges: [], last: true }, 0);
    for (let i = 1; i <= 500; i++) history.record(delta(i + 1, i, [node(`p${i % 10}`, `status-${i}`)]));
    expect(history.approxBytes).toBeLessThanOrEqual(20_000);
    expect(history.depth).toBeGreaterThan(10);
    expect(history.range()!.to).toBe(500);
    expect(names(history, 500)).toContain('p0:status-500');
  });

  it('starts over with a new snapshot', () => {
    const history = new TopologyHistory();
    history.record({ type: 'snapshot', seq: 1, nodes: [node('a')], edges: [], last: true }, 0);
    history.record(delta(2, 5, [node('b')]));
    history.record({ type: 'snapshot', seq: 1, nodes: [node('c')], edges: [], last: false }, 10);
    history.record({ type: 'snapshot', seq: 2, nodes: [node('d')], edges: [], last: true }, 11);
    expect(history.range()).toEqual({ from: 10, to: 10 });
    expect(names(history, 10)).toEqual(['c:Running', 'd:Running']);
  });
});
