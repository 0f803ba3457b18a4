import { describe, expect, it } from 'vitest';
import { generateTopologyFixture } from './fixtures';
import { groupGraph, groupId } from './group';
import { namespaceId } from './ids';
import type { ViewGraph } from './view-graph';

const state = generateTopologyFixture(200);
const dep = (name: string) => `fixture/deployments/ns-0/${name}`;
const byId = (g: ViewGraph) => new Map(g.nodes.map((n) => [n.id, n]));
const membersOf = (g: ViewGraph) => g.nodes.flatMap((n) => n.members);

describe('groupGraph', () => {
  it('Workloads: folds pods and ReplicaSets into their workload with counts, and drops nothing it covers', () => {
    const g = groupGraph(state, 'workloads');
    const app1 = byId(g).get(groupId(dep('app-1')))!;
    expect(app1).toMatchObject({ kind: 'deployments', label: 'app-1', health: 'failed', container: namespaceId('fixture', 'ns-0'), restarts: 12 });
    expect(app1.members).toHaveLength(12);
    expect(app1.counts).toEqual({ ok: 8, pending: 1, failed: 1, terminating: 0, unknown: 0 });
    expect(app1).toMatchObject({ ready: 9, desired: 10 });
    const members = membersOf(g);
    expect(new Set(members).size).toBe(members.length);
    const covered = [...state.nodes.values()].filter((n) => n.kind !== 'nodes');
    expect(new Set(members)).toEqual(new Set(covered.map((n) => n.id)));
    expect(g.nodes.every((n) => n.container === namespaceId('fixture', n.namespace!))).toBe(true);
  });

  it('Workloads: re-points edges to groups, aggregated with counts, without self-loops', () => {
    const g = groupGraph(state, 'workloads');
    const edges = new Map(g.edges.map((e) => [e.id, e]));
    expect(edges.get(`selects:fixture/services/ns-0/app-1->${groupId(dep('app-1'))}`)?.count).toBe(10);
    expect(edges.get(`secret:fixture/secrets/ns-0/tls->${groupId(dep('app-1'))}`)?.count).toBe(10);
    expect(edges.get(`scales:fixture/horizontalpodautoscalers/ns-0/app-0->${groupId(dep('app-0'))}`)?.count).toBe(1);
    expect(g.edges.some((e) => e.source === e.target)).toBe(false);
    expect(g.edges.some((e) => e.kind === 'owns' || e.kind === 'runs-on')).toBe(false);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it('Workloads: an expanded group shows its pods one by one, owned by the group', () => {
    const gid = groupId(dep('app-1'));
    const g = groupGraph(state, 'workloads', { expanded: new Set([gid]) });
    const nodes = byId(g);
    expect(nodes.get(gid)!.members).toEqual([dep('app-1'), 'fixture/replicasets/ns-0/app-1-7d9f']);
    const pods = g.nodes.filter((n) => n.kind === 'pods');
    expect(pods).toHaveLength(10);
    expect(g.edges.filter((e) => e.kind === 'owns' && e.source === gid)).toHaveLength(10);
    expect(g.edges.filter((e) => e.kind === 'selects' && e.source === 'fixture/services/ns-0/app-1')).toHaveLength(10);
    expect(pods.find((p) => p.label === 'app-1-7d9f-xxxx3')).toMatchObject({ health: 'failed', status: 'CrashLoopBackOff', restarts: 12, ready: 0, desired: 1 });
  });

  it('Pods: every pod and service, nothing else', () => {
    const g = groupGraph(state, 'pods');
    expect(new Set(g.nodes.map((n) => n.kind))).toEqual(new Set(['pods', 'services']));
    expect(g.nodes.filter((n) => n.kind === 'pods')).toHaveLength(200);
    expect(g.edges.every((e) => e.kind === 'selects' && e.count === 1)).toBe(true);
  });

  it('Services: services, ingresses and the workloads behind them', () => {
    const g = groupGraph(state, 'services');
    expect(new Set(g.nodes.map((n) => n.kind))).toEqual(new Set(['services', 'ingresses', 'deployments', 'statefulsets']));
    expect(new Set(g.edges.map((e) => e.kind))).toEqual(new Set(['selects', 'routes']));
    expect(g.edges.filter((e) => e.kind === 'routes' && e.source === 'fixture/ingresses/ns-0/web')).toHaveLength(3);
  });

  it('Nodes: pods folded per workload inside the node they run on; unscheduled ones by namespace', () => {
    const g = groupGraph(state, 'nodes');
    const nodes = g.nodes.filter((n) => n.kind === 'nodes');
    expect(nodes.map((n) => n.label).sort()).toEqual(['node-0', 'node-1', 'node-2']);
    const inNode = g.nodes.filter((n) => n.container === 'fixture/nodes//node-0');
    expect(inNode.length).toBeGreaterThan(0);
    expect(inNode.every((n) => n.id.endsWith('@fixture/nodes//node-0') && n.kind !== 'nodes')).toBe(true);
    const podMembers = g.nodes.filter((n) => n.kind !== 'nodes').flatMap((n) => n.members);
    expect(podMembers).toHaveLength(200);
    const unscheduled = g.nodes.filter((n) => n.container === namespaceId('fixture', 'ns-0'));
    expect(unscheduled.length).toBeGreaterThan(0);
    expect(unscheduled.every((n) => n.counts.pending === n.members.length)).toBe(true);
  });

  it('Namespaces: one node per namespace holding all its objects', () => {
    const g = groupGraph(generateTopologyFixture(500), 'namespaces');
    expect(g.nodes.map((n) => n.label).sort()).toEqual(['ns-0', 'ns-1', 'ns-2']);
    expect(g.nodes[0]!.counts.ok + g.nodes[0]!.counts.pending + g.nodes[0]!.counts.failed).toBe(200);
    expect(g.edges).toEqual([]);
  });

  it('aggregates edges per port', () => {
    const s = generateTopologyFixture(30);
    const pod = (i: number) => [...s.nodes.values()].filter((n) => n.kind === 'pods')[i]!.id;
    for (const [a, b, port] of [[0, 10, '80'], [1, 11, '80'], [2, 12, '443']] as const) {
      const id = `traffic:${pod(a)}->${pod(b)}:${port}`;
      s.edges.set(id, { id, source: pod(a), target: pod(b), kind: 'traffic', port, count: 2 });
    }
    const traffic = groupGraph(s, 'workloads').edges.filter((e) => e.kind === 'traffic');
    expect(traffic.map((e) => [e.source, e.target, e.port, e.count])).toEqual([
      [groupId(dep('app-0')), groupId(dep('app-1')), '80', 4],
      [groupId(dep('app-0')), groupId(dep('app-1')), '443', 2],
    ]);
  });
});
