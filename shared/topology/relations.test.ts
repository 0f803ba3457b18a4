import { describe, expect, it } from 'vitest';
import type { PodRow, ResourceRow, ServiceRow, WorkloadRow } from '../model/rows';
import { rowKey } from '../model/rows';
import { generateTopologyRows } from './fixtures';
import { RelationIndex } from './relations';

const C = 'c1';
const meta = <K extends ResourceRow['kind']>(kind: K, name: string) => ({
  key: rowKey(C, kind, kind === 'nodes' ? undefined : 'shop', name),
  cluster: C,
  kind,
  ...(kind === 'nodes' ? {} : { namespace: 'shop' }),
  name,
  uid: `uid-${name}`,
  rv: '1',
  createdAt: '',
});

const pod = (name: string, labels: Record<string, string>, extra: Partial<PodRow> = {}): PodRow => ({
  ...meta('pods', name),
  labels,
  phase: 'Running',
  status: 'Running',
  readyContainers: 1,
  totalContainers: 1,
  restarts: 0,
  node: 'n1',
  containers: [],
  uses: {},
  requests: { cpuMillis: 100, memoryBytes: 1 },
  ...extra,
});
const service = (name: string, selector?: Record<string, string>): ServiceRow => ({ ...meta('services', name), type: 'ClusterIP', ports: [], ...(selector ? { selector } : {}) });
const workload = (kind: WorkloadRow['kind'], name: string, extra: Partial<WorkloadRow> = {}): WorkloadRow => ({
  ...meta(kind, name),
  desired: 2,
  ready: 2,
  updated: 2,
  available: 2,
  images: [],
  observed: true,
  ...extra,
});
const ownedBy = (row: { kind: string; name: string; uid: string }, kind: string) => ({ owners: [{ kind, name: row.name, uid: row.uid, controller: true }] });
const id = (kind: ResourceRow['kind'], name: string) => rowKey(C, kind, kind === 'nodes' ? undefined : 'shop', name);
const edgeIds = (index: RelationIndex) => index.snapshot().edges.map((e) => e.id).sort();

describe('RelationIndex', () => {
  it('links every relation of the table from rows in any order', () => {
    const deploy = workload('deployments', 'web');
    const rs = workload('replicasets', 'web-1', ownedBy(deploy, 'Deployment'));
    const rows: ResourceRow[] = [
      deploy,
      rs,
      pod('web-1-a', { app: 'web' }, { ...ownedBy(rs, 'ReplicaSet'), uses: { configMaps: ['cfg'], secrets: ['tls'], pvcs: ['data'] } }),
      service('web', { app: 'web' }),
      { ...meta('ingresses', 'front'), hosts: ['shop.test'], services: ['web'] },
      { ...meta('nodes', 'n1'), ready: true, unschedulable: false, roles: [], capacity: { cpuMillis: 1, memoryBytes: 1, pods: 1 }, allocatable: { cpuMillis: 1, memoryBytes: 1, pods: 1 }, pressures: [], taints: 0 },
      { ...meta('configmaps', 'cfg') },
      { ...meta('secrets', 'tls') },
      { ...meta('persistentvolumeclaims', 'data'), phase: 'Bound' },
      { ...meta('networkpolicies', 'deny'), podSelector: {}, policyTypes: ['Ingress'] },
      { ...meta('horizontalpodautoscalers', 'web'), scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, currentReplicas: 2, desiredReplicas: 2 },
    ];
    const forward = new RelationIndex();
    for (const row of rows) forward.upsert(row);
    const backward = new RelationIndex();
    for (const row of [...rows].reverse()) backward.upsert(row);
    const p = id('pods', 'web-1-a');
    expect(edgeIds(forward)).toEqual([
      `config:${id('configmaps', 'cfg')}->${p}`,
      `mounts:${id('persistentvolumeclaims', 'data')}->${p}`,
      `owns:${id('deployments', 'web')}->${id('replicasets', 'web-1')}`,
      `owns:${id('replicasets', 'web-1')}->${p}`,
      `policy:${id('networkpolicies', 'deny')}->${p}`,
      `routes:${id('ingresses', 'front')}->${id('services', 'web')}`,
      `runs-on:${p}->${id('nodes', 'n1')}`,
      `scales:${id('horizontalpodautoscalers', 'web')}->${id('deployments', 'web')}`,
      `secret:${id('secrets', 'tls')}->${p}`,
      `selects:${id('services', 'web')}->${p}`,
    ]);
    expect(edgeIds(backward)).toEqual(edgeIds(forward));
    const podNode = forward.snapshot().nodes.find((n) => n.id === p)!;
    expect(podNode).toMatchObject({ workload: id('deployments', 'web'), host: id('nodes', 'n1'), health: 'ok' });
    expect(backward.snapshot().nodes.find((n) => n.id === p)).toEqual(podNode);
  });

  it('matches selectors on every term, and follows label and selector changes', () => {
    const index = new RelationIndex();
    index.upsert(service('db', { app: 'db', tier: 'primary' }));
    index.upsert(pod('db-0', { app: 'db', tier: 'primary' }));
    index.upsert(pod('db-1', { app: 'db', tier: 'replica' }));
    expect(edgeIds(index).filter((e) => e.startsWith('selects'))).toEqual([`selects:${id('services', 'db')}->${id('pods', 'db-0')}`]);
    index.drain();
    index.upsert(pod('db-1', { app: 'db', tier: 'primary' }));
    index.upsert(pod('db-0', { app: 'db' }));
    const delta = index.drain();
    expect(delta.upsertedEdges.map((e) => e.target)).toEqual([id('pods', 'db-1')]);
    expect(delta.removedEdges).toEqual([`selects:${id('services', 'db')}->${id('pods', 'db-0')}`]);
    index.upsert(service('db'));
    expect(index.drain().removedEdges).toEqual([`selects:${id('services', 'db')}->${id('pods', 'db-1')}`]);
  });

  it('resolves a pod to its Deployment once the ReplicaSet arrives, and back when it goes', () => {
    const deploy = workload('deployments', 'api');
    const rs = workload('replicasets', 'api-1', ownedBy(deploy, 'Deployment'));
    const index = new RelationIndex();
    index.upsert(pod('api-1-x', { app: 'api' }, ownedBy(rs, 'ReplicaSet')));
    expect(index.drain().upsertedNodes[0]!.workload).toBe(id('replicasets', 'api-1'));
    index.upsert(rs);
    const delta = index.drain();
    expect(delta.upsertedNodes.find((n) => n.kind === 'pods')?.workload).toBe(id('deployments', 'api'));
    index.remove(rs.key);
    expect(index.drain().upsertedNodes.find((n) => n.kind === 'pods')?.workload).toBe(id('replicasets', 'api-1'));
  });

  it('marks a workload failed while one of its pods fails, and pending while short of ready', () => {
    const sts = workload('statefulsets', 'db', { ready: 1, desired: 2 });
    const index = new RelationIndex();
    index.upsert(sts);
    index.upsert(pod('db-0', {}, ownedBy(sts, 'StatefulSet')));
    const health = () => index.snapshot().nodes.find((n) => n.id === sts.key)!.health;
    expect(health()).toBe('pending');
    index.upsert(pod('db-0', {}, { ...ownedBy(sts, 'StatefulSet'), status: 'CrashLoopBackOff', readyContainers: 0 }));
    expect(health()).toBe('failed');
    index.remove(id('pods', 'db-0'));
    expect(health()).toBe('pending');
  });

  it('maps pod states to health', () => {
    const index = new RelationIndex();
    const cases: Array<[Partial<PodRow>, string]> = [
      [{}, 'ok'],
      [{ readyContainers: 0 }, 'pending'],
      [{ phase: 'Pending', status: 'ContainerCreating', readyContainers: 0 }, 'pending'],
      [{ status: 'ImagePullBackOff' }, 'failed'],
      [{ phase: 'Failed', status: 'Error' }, 'failed'],
      [{ containers: [{ name: 'a', image: 'a', ready: false, restarts: 3, state: 'terminated', reason: 'OOMKilled' }] }, 'failed'],
      [{ deleting: true, status: 'Terminating' }, 'terminating'],
    ];
    cases.forEach(([extra], i) => index.upsert(pod(`p${i}`, {}, extra)));
    const nodes = new Map(index.snapshot().nodes.map((n) => [n.id, n.health]));
    expect(cases.map((_, i) => nodes.get(id('pods', `p${i}`)))).toEqual(cases.map(([, h]) => h));
  });

  it('removes a row with its edges, and a cluster with all its rows', () => {
    const index = new RelationIndex();
    index.upsert(service('web', { app: 'web' }));
    index.upsert(pod('web-a', { app: 'web' }));
    index.drain();
    index.remove(id('services', 'web'));
    expect(index.drain()).toMatchObject({ removedNodes: [id('services', 'web')], removedEdges: [`selects:${id('services', 'web')}->${id('pods', 'web-a')}`] });
    index.removeCluster(C);
    expect(index.size).toEqual({ nodes: 0, edges: 0 });
  });

  it('merges edges from a traffic source and replaces them on its next report', () => {
    const index = new RelationIndex();
    index.upsert(pod('a', {}));
    index.upsert(pod('b', {}));
    index.drain();
    const edge = { id: 'traffic:a->b:80', source: id('pods', 'a'), target: id('pods', 'b'), kind: 'traffic' as const, port: '80', count: 3 };
    index.setTraffic('agent', [edge]);
    expect(index.drain().upsertedEdges).toEqual([edge]);
    index.setTraffic('agent', []);
    expect(index.drain().removedEdges).toEqual([edge.id]);
  });

  it('carries metrics as load, sent apart from the node, and only when the fill would show it', () => {
    const index = new RelationIndex();
    const a = id('pods', 'a');
    index.upsert(pod('a', {}));
    index.drain();
    index.setLoad(a, { cpu: 0.501, memory: 0.24 });
    expect(index.drain()).toMatchObject({ upsertedNodes: [], loads: [[a, { cpu: 0.5, memory: 0.24 }]] });
    index.setLoad(a, { cpu: 0.53, memory: 0.24 });
    expect(index.pending).toBe(0);
    index.upsert(pod('a', { v: '2' }));
    const delta = index.drain();
    expect(delta.upsertedNodes[0]!.load).toEqual({ cpu: 0.5, memory: 0.24 });
    expect(delta.loads).toBeUndefined();
    index.setLoad(a, undefined);
    expect(index.drain().loads).toEqual([[a, null]]);
  });

  it('builds the 10k-pod fixture through indexes, with one edge per relation instance', () => {
    const rows = generateTopologyRows(10_000);
    const index = new RelationIndex();
    for (const row of rows) index.upsert(row);
    const { nodes, edges } = index.snapshot();
    expect(nodes).toHaveLength(rows.length);
    const pods = rows.filter((r) => r.kind === 'pods').length;
    expect(pods).toBe(10_000);
    const byKind = new Map<string, number>();
    for (const e of edges) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
    expect(byKind.get('selects')).toBe(pods);
    expect(byKind.get('config')).toBe(pods);
    expect(byKind.get('secret')).toBe(pods);
    expect(byKind.get('runs-on')).toBe(rows.filter((r) => r.kind === 'pods' && r.node).length);
    expect(nodes.filter((n) => n.kind === 'pods' && n.workload === undefined)).toEqual([]);
  });
});
