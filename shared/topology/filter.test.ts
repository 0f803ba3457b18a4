import { describe, expect, it } from 'vitest';
import { filterGraph } from './filter';
import { generateTopologyFixture } from './fixtures';

const state = generateTopologyFixture(200);
const names = (s: ReturnType<typeof filterGraph>) => [...s.nodes.values()].map((n) => `${n.kind}/${n.name}`).sort();

describe('filterGraph', () => {
  it('returns the state itself when nothing filters', () => {
    expect(filterGraph(state, {})).toBe(state);
  });

  it('keeps edges only between survivors', () => {
    const out = filterGraph(state, { kinds: ['services', 'ingresses'] });
    expect(new Set([...out.nodes.values()].map((n) => n.kind))).toEqual(new Set(['services', 'ingresses']));
    expect([...out.edges.values()].every((e) => e.kind === 'routes')).toBe(true);
    expect(out.edges.size).toBeGreaterThan(0);
  });

  it('keeps the workload chain of a pod that survives, so it still folds into its group', () => {
    const out = filterGraph(state, { text: 'app-1-7d9f-xxxx3' });
    expect(names(out)).toEqual(['deployments/app-1', 'pods/app-1-7d9f-xxxx3', 'replicasets/app-1-7d9f']);
    expect([...out.edges.values()].map((e) => e.kind).sort()).toEqual(['owns', 'owns']);
  });

  it('shows only unhealthy objects (and their workloads)', () => {
    const out = filterGraph(state, { onlyUnhealthy: true, namespaces: ['ns-0'] });
    const pods = [...out.nodes.values()].filter((n) => n.kind === 'pods');
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.health !== 'ok')).toBe(true);
    expect(pods.every((p) => out.nodes.has(p.workload!))).toBe(true);
  });

  it('filters by namespace (keeping cluster-scoped nodes) and label selector', () => {
    const out = filterGraph(state, { namespaces: ['ns-0'], labelSelector: 'tier=db' });
    expect(new Set([...out.nodes.values()].map((n) => n.namespace ?? '-'))).toEqual(new Set(['ns-0']));
    expect([...out.nodes.values()].every((n) => n.labels?.tier === 'db' || n.kind === 'replicasets' || n.kind === 'deployments')).toBe(true);
    const all = filterGraph(state, { namespaces: ['ns-0'] });
    expect([...all.nodes.values()].some((n) => n.kind === 'nodes')).toBe(true);
  });

  it('names a malformed selector', () => {
    expect(() => filterGraph(state, { labelSelector: 'app in (a' })).toThrow(/label/);
  });
});
