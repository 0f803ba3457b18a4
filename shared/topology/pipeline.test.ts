import { describe, expect, it } from 'vitest';
import { generateTopologyFixture } from './fixtures';
import { groupGraph } from './group';
import { buildViewGraph, viewComplexity } from './pipeline';

describe('buildViewGraph', () => {
  it('filters, groups and simplifies', () => {
    const state = generateTopologyFixture(200);
    const g = buildViewGraph(state, { view: 'nodes', filter: { onlyUnhealthy: true } });
    const pods = g.nodes.filter((n) => n.kind !== 'nodes').flatMap((n) => n.members);
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((id) => state.nodes.get(id)!.health !== 'ok')).toBe(true);
    expect(g.edges.some((e) => e.kind === 'runs-on')).toBe(false);
    expect(buildViewGraph(state, { view: 'workloads' })).toEqual(groupGraph(state, 'workloads'));
  });

  it('rates a namespace map readable and 10k pods one by one as a case for the table', () => {
    const state = generateTopologyFixture(10_000);
    expect(viewComplexity(buildViewGraph(state, { view: 'namespaces' })).suggestTable).toBe(false);
    const pods = viewComplexity(buildViewGraph(state, { view: 'pods' }));
    expect(pods).toMatchObject({ nodes: 11_000, edges: 10_000, suggestTable: true });
  });
});
