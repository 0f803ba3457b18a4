/**
 * The topology over a live simulator (scenario demo): the shop's workloads and relations in the
 * snapshot, deltas that follow a scale up and down, a renderer-side graph that stays equal to a
 * fresh one, load from metrics.k8s.io and edges from a traffic source.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { TopologyEvent, TopoEdge } from '../../shared/topology/graph';
import { topologyChannels } from '../../shared/api/channels/topology';
import type { HostMessage } from '../../shared/api/wire';
import { applyTopologyEvent, emptyGraphState, isNextEvent, sameGraphState } from '../../shared/topology/graph-state';
import { TOPOLOGY_KINDS } from '../../shared/topology/node-projection';
import { RelationIndex } from '../../shared/topology/relations';
import type { GraphState } from '../../shared/topology/view-graph';
import { startSim, type RunningSim } from '../../sim/index';
import { StreamSink } from '../api/stream-sink';
import { ConnectionManager } from '../kube/connection/connection-manager';
import { KubeHttpClient } from '../kube/http/kube-http-client';
import { TopologyService } from './topology-service';
import type { TrafficEdgeSource } from './traffic-source';

let sim: RunningSim;
let kc: KubeConfig;
let manager: ConnectionManager;
const context = 'demo';
beforeAll(async () => {
  sim = await startSim({ scenario: 'demo' });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  kc.setCurrentContext(context);
  manager = new ConnectionManager(() => kc);
  await manager.connect(context);
  await vi.waitFor(() => expect(manager.status(context)?.phase).toBe('connected'), { timeout: 30_000 });
}, 60_000);
afterAll(async () => {
  await manager?.dispose();
  await sim?.stop();
});

/** Subscribes as the renderer does: applies every batch to a graph state, acknowledging each. */
function subscribe(service: TopologyService) {
  const state = emptyGraphState();
  const events: TopologyEvent[] = [];
  let inOrder = true;
  const send = (m: HostMessage): void => {
    if (m.k !== 'batch') return;
    for (const event of m.evs as TopologyEvent[]) {
      if (!isNextEvent(state, event)) inOrder = false;
      events.push(event);
      applyTopologyEvent(state, event);
    }
    queueMicrotask(() => sink.ack());
  };
  const sink: StreamSink<TopologyEvent> = new StreamSink(1, topologyChannels['topology.watch'], send);
  const watch = service.handlers()['topology.watch']({ clusters: [context] }, sink, { peerId: 'test' });
  return { state, events, inOrder: () => inOrder, stop: () => (watch as { dispose(): void }).dispose() };
}

/** What a new subscription's snapshot would hold right now. */
function fresh(): GraphState {
  const index = new RelationIndex();
  for (const row of manager.cache(context)!.list(TOPOLOGY_KINDS)) index.upsert(row);
  const { nodes, edges } = index.snapshot();
  const state = emptyGraphState();
  applyTopologyEvent(state, { type: 'snapshot', seq: 1, nodes, edges, last: true });
  return state;
}

const shop = (kind: string, name: string) => `${context}/${kind}/shop/${name}`;
const livePods = (state: GraphState, prefix: string) =>
  [...state.nodes.values()].filter((n) => n.kind === 'pods' && n.name.startsWith(prefix) && n.health !== 'terminating');

it('streams the shop with its relations, follows a scale up and down, and stays equal to a fresh snapshot', async () => {
  const service = new TopologyService(manager, { flushMs: 50 });
  const sub = subscribe(service);
  await vi.waitFor(() => expect(sub.events.some((e) => e.type === 'snapshot' && e.last)).toBe(true));
  const { state } = sub;
  for (const name of ['frontend', 'cart', 'checkout', 'payment']) expect(state.nodes.get(shop('deployments', name))?.kind).toBe('deployments');
  expect(state.nodes.get(shop('statefulsets', 'db'))).toBeDefined();
  const frontendPods = livePods(state, 'frontend-');
  expect(frontendPods.length).toBeGreaterThan(0);
  expect(frontendPods.every((p) => p.workload === shop('deployments', 'frontend') && p.host?.startsWith(`${context}/nodes//`))).toBe(true);
  const edges = [...state.edges.values()];
  expect(edges.some((e) => e.kind === 'selects' && e.source === shop('services', 'frontend') && e.target === frontendPods[0]!.id)).toBe(true);
  expect(edges.some((e) => e.kind === 'routes' && e.source === shop('ingresses', 'shop') && e.target === shop('services', 'frontend'))).toBe(true);
  expect(edges.some((e) => e.kind === 'owns' && e.source === shop('deployments', 'frontend'))).toBe(true);

  const client = new KubeHttpClient(kc);
  const deltasBefore = sub.events.filter((e) => e.type === 'delta').length;
  for (const replicas of [5, 1]) {
    await client.json('/apis/apps/v1/namespaces/shop/deployments/frontend/scale', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ spec: { replicas } }),
    });
    await vi.waitFor(() => expect(livePods(state, 'frontend-')).toHaveLength(replicas), { timeout: 15_000 });
    // Scaled-down pods terminate first, then go.
    await vi.waitFor(() => expect([...state.nodes.values()].filter((n) => n.kind === 'pods' && n.name.startsWith('frontend-'))).toHaveLength(replicas), { timeout: 40_000 });
    await vi.waitFor(() => expect(sameGraphState(state, fresh())).toBe(true), { timeout: 5_000 });
  }
  const deltas = sub.events.slice(deltasBefore).filter((e) => e.type === 'delta');
  expect(deltas.some((d) => d.upsertedNodes.some((n) => n.name.startsWith('frontend-') && n.kind === 'pods'))).toBe(true);
  expect(deltas.some((d) => d.removedNodes.some((id) => id.startsWith(shop('pods', 'frontend-'))))).toBe(true);
  expect(sub.inOrder()).toBe(true);

  // A second watch shares the cluster's graph: its snapshot is the first one's state.
  const second = subscribe(service);
  await vi.waitFor(() => expect(second.events.some((e) => e.type === 'snapshot' && e.last)).toBe(true));
  await vi.waitFor(() => expect(sameGraphState(second.state, state)).toBe(true));
  client.close();
  sub.stop();
  second.stop();
  await service.dispose();
}, 60_000);

it('fills load from metrics.k8s.io and merges edges from a traffic source', async () => {
  let report: ((edges: TopoEdge[]) => void) | undefined;
  const traffic: TrafficEdgeSource = {
    name: 'test-agent',
    subscribe: (_cluster, r) => {
      report = r;
      return () => (report = undefined);
    },
  };
  const service = new TopologyService(manager, { kubeConfigFor: () => kc, metricsIntervalMs: 300, traffic: [traffic] });
  const sub = subscribe(service);
  await vi.waitFor(() => {
    const cart = livePods(sub.state, 'cart-')[0];
    expect(cart?.load?.memory).toBeGreaterThan(0);
    expect([...sub.state.nodes.values()].some((n) => n.kind === 'nodes' && (n.load?.cpu ?? 0) > 0)).toBe(true);
  }, { timeout: 10_000 });

  const [from, to] = [livePods(sub.state, 'frontend-')[0]!.id, livePods(sub.state, 'cart-')[0]!.id];
  const edge: TopoEdge = { id: `traffic:${from}->${to}:7070`, source: from, target: to, kind: 'traffic', port: '7070', count: 45 };
  report!([edge]);
  await vi.waitFor(() => expect(sub.state.edges.get(edge.id)).toEqual(edge));
  report!([]);
  await vi.waitFor(() => expect(sub.state.edges.has(edge.id)).toBe(false));
  sub.stop();
  await service.dispose();
  expect(report).toBeUndefined();
}, 30_000);

it('links a HorizontalPodAutoscaler to the workload it scales', async () => {
  const service = new TopologyService(manager, { flushMs: 50 });
  const sub = subscribe(service);
  const client = new KubeHttpClient(kc);
  await client.json('/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers', {
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'checkout', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' }, minReplicas: 1, maxReplicas: 4 },
    }),
  });
  const id = `scales:${shop('horizontalpodautoscalers', 'checkout')}->${shop('deployments', 'checkout')}`;
  await vi.waitFor(() => expect(sub.state.edges.get(id)).toMatchObject({ kind: 'scales' }), { timeout: 10_000 });
  await client.json('/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/checkout', { method: 'DELETE' });
  await vi.waitFor(() => expect(sub.state.edges.has(id)).toBe(false), { timeout: 10_000 });
  client.close();
  sub.stop();
  await service.dispose();
}, 30_000);

it('empties the graph when the cluster disconnects and fills it again when it reconnects', async () => {
  const service = new TopologyService(manager, { flushMs: 50 });
  const sub = subscribe(service);
  await vi.waitFor(() => expect(sub.events.some((e) => e.type === 'snapshot' && e.last)).toBe(true));
  expect(sub.state.nodes.size).toBeGreaterThan(50);
  await manager.disconnect(context);
  await vi.waitFor(() => expect(sub.state.nodes.size).toBe(0));
  expect(sub.state.edges.size).toBe(0);
  await manager.connect(context);
  await vi.waitFor(() => expect(manager.status(context)?.phase).toBe('connected'), { timeout: 30_000 });
  await vi.waitFor(() => expect(sameGraphState(sub.state, fresh())).toBe(true), { timeout: 10_000 });
  expect(sub.state.nodes.get(shop('deployments', 'frontend'))).toBeDefined();
  expect(sub.inOrder()).toBe(true);
  sub.stop();
  await service.dispose();
}, 60_000);

it('follows the user’s rights: objects leave with a RoleBinding and come back with it', async () => {
  const resolve = (ctx: string) => {
    const k = new KubeConfig();
    k.loadFromFile(sim.kubeconfigPath);
    k.setCurrentContext(ctx);
    return k;
  };
  const viewer = `${context}-viewer`;
  const viewerManager = new ConnectionManager(resolve, { recheckMs: 500 });
  await viewerManager.connect(viewer);
  await vi.waitFor(() => expect(viewerManager.status(viewer)?.phase).toBe('connected'), { timeout: 30_000 });
  const service = new TopologyService(viewerManager, { flushMs: 50 });
  const state = emptyGraphState();
  const sink: StreamSink<TopologyEvent> = new StreamSink(1, topologyChannels['topology.watch'], (m: HostMessage) => {
    if (m.k !== 'batch') return;
    for (const event of m.evs as TopologyEvent[]) applyTopologyEvent(state, event);
    queueMicrotask(() => sink.ack());
  });
  const watch = service.handlers()['topology.watch']({ clusters: [viewer] }, sink, { peerId: 'test' }) as { dispose(): void };
  const pods = () => [...state.nodes.values()].filter((n) => n.kind === 'pods');
  const services = () => [...state.nodes.values()].filter((n) => n.kind === 'services');
  await vi.waitFor(() => expect(pods().length).toBeGreaterThan(0));

  const admin = new KubeHttpClient(kc);
  const path = '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings';
  const binding = await admin.json<{ metadata: Record<string, unknown> }>(`${path}/viewer-view`);
  await admin.json(`${path}/viewer-view`, { method: 'DELETE' });
  sim.clusters[0]!.api.faults.dropWatchesNow();
  await vi.waitFor(() => expect(pods()).toEqual([]), { timeout: 20_000 });
  expect(services()).toEqual([]);

  const { metadata, ...rest } = binding;
  await admin.json(path, { method: 'POST', contentType: 'application/json', body: JSON.stringify({ ...rest, metadata: { name: metadata.name, namespace: metadata.namespace } }) });
  await vi.waitFor(() => expect(pods().length).toBeGreaterThan(0), { timeout: 20_000 });
  await vi.waitFor(() => {
    const index = new RelationIndex();
    for (const row of viewerManager.cache(viewer)!.list(TOPOLOGY_KINDS)) index.upsert(row);
    const expected = emptyGraphState();
    applyTopologyEvent(expected, { type: 'snapshot', seq: 1, ...index.snapshot(), last: true });
    expect(sameGraphState(state, expected)).toBe(true);
  }, { timeout: 10_000 });
  admin.close();
  watch.dispose();
  await service.dispose();
  await viewerManager.dispose();
}, 90_000);
