import { describe, expect, it } from 'vitest';
import { diffViewGraphs, isEmptyDiff } from './diff';
import { generateTopologyFixture } from './fixtures';
import { groupGraph, groupId } from './group';

describe('diffViewGraphs', () => {
  it('adds everything against nothing, and finds nothing between equal graphs', () => {
    const g = groupGraph(generateTopologyFixture(100), 'workloads');
    const first = diffViewGraphs(undefined, g);
    expect(first.added).toHaveLength(g.nodes.length);
    expect(first.addedEdges).toHaveLength(g.edges.length);
    expect(isEmptyDiff(diffViewGraphs(g, groupGraph(generateTopologyFixture(100), 'workloads')))).toBe(true);
  });

  it('reports a pod leaving as a group update and an edge count change, not as a new group', () => {
    const state = generateTopologyFixture(100);
    const before = groupGraph(state, 'workloads');
    const pod = 'fixture/pods/ns-0/app-0-7d9f-xxxx0';
    state.nodes.delete(pod);
    for (const [id, e] of state.edges) if (e.source === pod || e.target === pod) state.edges.delete(id);
    const diff = diffViewGraphs(before, groupGraph(state, 'workloads'));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.updated.map((n) => n.id)).toEqual([groupId('fixture/deployments/ns-0/app-0')]);
    expect(diff.updatedEdges.map((e) => e.count)).toEqual([9, 9, 9]);
  });

  it('reports removed nodes and edges by id', () => {
    const state = generateTopologyFixture(100);
    const before = groupGraph(state, 'pods');
    state.nodes.delete('fixture/services/ns-0/app-0');
    for (const [id, e] of state.edges) if (e.source === 'fixture/services/ns-0/app-0') state.edges.delete(id);
    const diff = diffViewGraphs(before, groupGraph(state, 'pods'));
    expect(diff.removed).toEqual(['fixture/services/ns-0/app-0']);
    expect(diff.removedEdges).toHaveLength(10);
  });
});
