import { describe, expect, it } from 'vitest';
import { generateTopologyFixture } from './fixtures';
import { groupGraph } from './group';
import { simplifyGraph } from './simplify';
import type { ViewGraph, ViewNode } from './view-graph';

const node = (id: string, container?: string): ViewNode => ({
  id,
  kind: 'pods',
  label: id,
  health: 'ok',
  status: '',
  cluster: 'c',
  members: [id],
  counts: { ok: 1, pending: 0, failed: 0, terminating: 0, unknown: 0 },
  restarts: 0,
  ...(container ? { container } : {}),
});

describe('simplifyGraph', () => {
  it('drops edges to a node’s own container: the hull already says it', () => {
    const grouped = groupGraph(generateTopologyFixture(200), 'nodes');
    expect(grouped.edges.some((e) => e.kind === 'runs-on')).toBe(true);
    const simple = simplifyGraph(grouped);
    expect(simple.edges.filter((e) => e.kind === 'runs-on')).toEqual([]);
    expect(simple.nodes).toBe(grouped.nodes);
  });

  it('collapses parallel edges that differ only by port, keeping ports and counts', () => {
    const graph: ViewGraph = {
      nodes: [node('a'), node('b')],
      edges: [
        { id: 'traffic:a->b:80', source: 'a', target: 'b', kind: 'traffic', port: '80', count: 4 },
        { id: 'traffic:a->b:443', source: 'a', target: 'b', kind: 'traffic', port: '443', count: 2 },
        { id: 'traffic:b->a:80', source: 'b', target: 'a', kind: 'traffic', port: '80', count: 1 },
        { id: 'selects:a->b', source: 'a', target: 'b', kind: 'selects', count: 1 },
      ],
    };
    expect(simplifyGraph(graph).edges).toEqual([
      { id: 'traffic:a->b', source: 'a', target: 'b', kind: 'traffic', port: '443,80', count: 6 },
      { id: 'traffic:b->a:80', source: 'b', target: 'a', kind: 'traffic', port: '80', count: 1 },
      { id: 'selects:a->b', source: 'a', target: 'b', kind: 'selects', count: 1 },
    ]);
  });

  it('returns the graph itself when there is nothing to simplify', () => {
    const graph = groupGraph(generateTopologyFixture(100), 'workloads');
    expect(simplifyGraph(graph)).toBe(graph);
  });
});
