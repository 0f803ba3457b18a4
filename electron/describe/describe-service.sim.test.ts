/**
 * Describe through the API as the renderer calls it, against the `demo` scenario: a pod, a
 * deployment and a node render with their links; a missing object gives kubectl's NotFound text;
 * the viewer (view role in `shop` only) is refused outside it, with kubectl's Forbidden text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCluster } from '../../sim/index';
import { waitUntil } from '../../sim/cluster/test-cluster';
import type { KubeObject } from '../../sim/core/types';
import type { ApiError } from '../../shared/api/errors';
import type { DescribeResult } from '../../shared/describe';
import { startSimHost, type SimHost } from '../testing/sim-host';

let host: SimHost;
let cluster: SimCluster;
let api: SimHost['api'];
let ctx: string;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: ApiError) => err,
  );
}

/** The text each link covers, with its target. */
const linked = (r: DescribeResult): string[] => {
  const lines = r.text.split('\n');
  return r.links.map((l) => `${lines[l.line]!.slice(l.start, l.end)} -> ${l.target.kind}/${l.target.namespace ?? ''}/${l.target.name}`);
};

const running = (p: KubeObject): boolean => (p.status as { phase?: string } | undefined)?.phase === 'Running';

beforeAll(async () => {
  host = await startSimHost({ scenario: 'demo' });
  cluster = host.sim.clusters[0]!;
  ctx = cluster.context;
  api = host.api;
  await api.clusters.connect({ context: ctx });
  await api.clusters.connect({ context: `${cluster.name}-viewer` });
  await waitUntil(() => cluster.store.list('pods', 'shop').some((p) => p.metadata.name.startsWith('frontend-') && running(p)), 'a running frontend pod', 30_000);
}, 90_000);

afterAll(async () => {
  await host?.stop();
});

describe('describe.object', () => {
  it('describes a pod with its controller, node and events', async () => {
    const pod = cluster.store.list('pods', 'shop').find((p) => p.metadata.name.startsWith('frontend-') && running(p))!;
    const owner = pod.metadata.ownerReferences!.find((o) => o.controller)!;
    const node = (pod.spec as { nodeName: string }).nodeName;
    const result = await api.describe.object({ objectRef: { cluster: ctx, kind: 'pods', namespace: 'shop', name: pod.metadata.name } });
    expect(result.text).toMatch(new RegExp(`^Name: +${pod.metadata.name}$`, 'm'));
    expect(result.text).toMatch(/^Status: +Running$/m);
    expect(result.text).toMatch(/^Events:\n {2}Type +Reason +Age +From +Message\n/m);
    expect(result.text).toContain(`Successfully assigned shop/${pod.metadata.name} to ${node}`);
    expect(linked(result)).toEqual(expect.arrayContaining([`${node} -> nodes//${node}`, `ReplicaSet/${owner.name} -> replicasets/shop/${owner.name}`]));
  });

  it('describes a deployment with its ReplicaSets as links', async () => {
    const result = await api.describe.object({ objectRef: { cluster: ctx, kind: 'deployments', namespace: 'shop', name: 'frontend' } });
    const rs = cluster.store.list('apps/replicasets', 'shop').filter((r) => r.metadata.ownerReferences?.some((o) => o.name === 'frontend'));
    expect(result.text).toMatch(/^Replicas: +\d+ desired \| \d+ updated \| \d+ total \| \d+ available \| \d+ unavailable$/m);
    expect(result.text).toMatch(/^NewReplicaSet: +frontend-[a-z0-9]+ \(\d+\/\d+ replicas created\)$/m);
    expect(rs.length).toBeGreaterThan(0);
    expect(linked(result)).toEqual(expect.arrayContaining(rs.map((r) => `${r.metadata.name} -> replicasets/shop/${r.metadata.name}`)));
  });

  it('describes a node with its non-terminated pods and lease', async () => {
    const node = cluster.store.list('nodes')[0]!.metadata.name;
    const onNode = cluster.store.list('pods').filter((p) => (p.spec as { nodeName?: string }).nodeName === node && !['Succeeded', 'Failed'].includes((p.status as { phase?: string }).phase ?? ''));
    const result = await api.describe.object({ objectRef: { cluster: ctx, kind: 'nodes', name: node } });
    expect(result.text).toMatch(new RegExp(`^Name: +${node}$`, 'm'));
    expect(result.text).toMatch(/^Lease:/m);
    expect(result.text).toMatch(/^Allocated resources:$/m);
    expect(result.text).toMatch(new RegExp(`^Non-terminated Pods: +\\(${onNode.length} in total\\)$`, 'm'));
    expect(result.links.filter((l) => l.target.kind === 'pods').map((l) => l.target.name).sort()).toEqual(onNode.map((p) => p.metadata.name).sort());
  });

  it("gives kubectl's NotFound text for a missing object", async () => {
    const err = await rejection(api.describe.object({ objectRef: { cluster: ctx, kind: 'pods', namespace: 'shop', name: 'does-not-exist' } }));
    expect(err.code).toBe('not-found');
    expect(err.message).toBe('Error from server (NotFound): pods "does-not-exist" not found');
  });

  it('lets the viewer describe in shop and refuses it elsewhere', async () => {
    const viewer = `${cluster.name}-viewer`;
    const allowed = await api.describe.object({ objectRef: { cluster: viewer, kind: 'deployments', namespace: 'shop', name: 'frontend' } });
    expect(allowed.text).toMatch(/^Name: +frontend$/m);
    const pod = cluster.store.list('pods', 'ops')[0]!.metadata.name;
    const err = await rejection(api.describe.object({ objectRef: { cluster: viewer, kind: 'pods', namespace: 'ops', name: pod } }));
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(new RegExp(`^Error from server \\(Forbidden\\): pods "${pod}" is forbidden: User "viewer" cannot get resource "pods"`));
  });

  it('rejects a kind it cannot describe and a namespace on a cluster-scoped kind', async () => {
    expect((await rejection(api.describe.object({ objectRef: { cluster: ctx, kind: 'events', namespace: 'shop', name: 'x' } }))).code).toBe('invalid-params');
    expect((await rejection(api.describe.object({ objectRef: { cluster: ctx, kind: 'nodes', namespace: 'shop', name: 'x' } }))).code).toBe('invalid-params');
  });
});
