/**
 * Following logs through a pod's life on the simulator: a restarted container's previous instance is
 * read once with previous=true and the new instance starts a stream of its own; pods added by a
 * scale-up are followed from their first line; deleted pods' streams end with a marker; streams over
 * the per-cluster cap wait and say so.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startSim, type RunningSim } from '../../sim/index';
import { FeedRecorder, followWith, loggingScenario } from '../../bench/logs/follow-harness';
import type { PodRow } from '../../shared/model/rows';
import { ConnectionManager } from '../kube/connection/connection-manager';
import { KubeHttpClient } from '../kube/http/kube-http-client';
import { connectedManager } from '../testing/sim-host';
import { LogService } from './log-service';

let sim: RunningSim;
let manager: ConnectionManager;
let service: LogService;
let client: KubeHttpClient;
let cleanup: () => void;
const context = 'logs';

beforeAll(async () => {
  const scenario = loggingScenario([
    { name: 'web', replicas: 2, linesPerSecond: 20 },
    { name: 'crashy', replicas: 1, linesPerSecond: 20, crashAfterSeconds: 6 },
  ]);
  cleanup = scenario.cleanup;
  sim = await startSim({ scenario: scenario.path });
  let kubeConfig: KubeConfig;
  ({ kubeConfig, manager } = await connectedManager(sim, context));
  client = new KubeHttpClient(kubeConfig);
  service = new LogService(manager);
}, 60_000);

afterAll(async () => {
  await service?.dispose();
  client?.close();
  await manager?.dispose();
  await sim?.stop();
  cleanup?.();
});

const pods = (prefix: string) =>
  [...manager.cache(context)!.list(['pods'])].filter((r): r is PodRow => r.kind === 'pods' && r.name.startsWith(`${prefix}-`) && !r.deleting);

it('reads a restarted container’s last lines once with previous=true, then follows the new instance from its start', async () => {
  const truth = sim.clusters[0]!.truth;
  await vi.waitFor(() => expect(pods('crashy')[0]?.containers[0]?.state).toBe('running'), { timeout: 15_000 });
  const pod = pods('crashy')[0]!;
  const recorder = new FeedRecorder(truth);
  const follow = followWith(service, { selectors: [{ cluster: context, namespace: 'load', kind: 'pods', name: pod.name }] }, recorder);
  await vi.waitFor(() => expect(recorder.lines).toBeGreaterThan(0), { timeout: 10_000 });
  const first = [...recorder.streams.values()][0]!;
  const instance = first.instance!;
  expect(instance).toBeDefined();
  // Half a second before the crash the connection breaks and the API server refuses this pod for a few
  // tries: by the time it answers again the container has restarted, so the rest is only in previous=true.
  const now = sim.clock.now().getTime();
  await new Promise((r) => setTimeout(r, Math.max(0, instance.startedAtMs + 5_500 - now)));
  sim.clusters[0]!.api.faults.failNextRequests(4, { status: 503, path: new RegExp(`/pods/${pod.name}`) });
  expect(sim.clusters[0]!.kubelet.dropLogStreams('reset', (f) => f.pod === pod.name)).toBe(1);

  await vi.waitFor(() => expect(recorder.markers.some((m) => m.kind === 'previous' && m.stream === first.stream.id)).toBe(true), { timeout: 20_000 });
  await vi.waitFor(() => expect([...recorder.streams.values()].some((r) => r.stream.restarts === 1 && r.delivered > 0)).toBe(true), { timeout: 10_000 });
  expect(first.stream.previous).toBe(true);
  expect(first.stream.state).toBe('ended');
  // Every line of the first instance exactly once, none missing.
  expect(first.next).toBe(truth.countAt(instance, Number.MAX_SAFE_INTEGER));
  expect(recorder.markers.filter((m) => m.kind === 'previous')).toHaveLength(1);
  const second = [...recorder.streams.values()].find((r) => r.stream.restarts === 1)!;
  expect(second.instance?.containerID).not.toBe(instance.containerID);
  expect(recorder.markers.some((m) => m.kind === 'restarted' && m.stream === second.stream.id)).toBe(true);
  expect({ lost: recorder.lost, duplicated: recorder.duplicated, foreign: recorder.foreign, problems: recorder.problems }).toEqual({ lost: 0, duplicated: 0, foreign: 0, problems: [] });
  follow.dispose();
  await sim.clusters[0]!.api.faults.reset();
}, 60_000);

it('follows a Deployment’s new pods from their first line and ends deleted pods’ streams with a marker', async () => {
  const truth = sim.clusters[0]!.truth;
  const recorder = new FeedRecorder(truth);
  const follow = followWith(service, { selectors: [{ cluster: context, namespace: 'load', kind: 'deployments', name: 'web' }], tail: 5 }, recorder);
  await vi.waitFor(() => expect([...recorder.streams.values()].filter((r) => r.delivered > 0)).toHaveLength(2), { timeout: 10_000 });
  for (const r of recorder.streams.values()) expect(r.stream.pod).toMatch(/^web-/);

  await client.json('/apis/apps/v1/namespaces/load/deployments/web/scale', { method: 'PATCH', contentType: 'application/merge-patch+json', body: JSON.stringify({ spec: { replicas: 4 } }) });
  await vi.waitFor(() => expect([...recorder.streams.values()].filter((r) => r.delivered > 0)).toHaveLength(4), { timeout: 15_000 });
  const added = [...recorder.streams.values()].filter((r) => recorder.markers.some((m) => m.kind === 'started' && m.stream === r.stream.id));
  expect(added).toHaveLength(2);
  // New pods from their beginning: the first line delivered is the instance's line 0.
  for (const r of added) expect(r.next).toBe(r.delivered);
  // The Deployment's and its new pods' events come with the lines.
  await vi.waitFor(() => {
    const events = [...recorder.events.values()];
    expect(events.some((e) => e.involved.kind === 'Deployment' && e.involved.name === 'web' && /Scaled up replica set web-\w+ to 4/.test(e.message))).toBe(true);
    for (const r of added) expect(events.some((e) => e.involved.kind === 'Pod' && e.involved.name === r.stream.pod && e.reason === 'Started')).toBe(true);
  });

  await client.json('/apis/apps/v1/namespaces/load/deployments/web/scale', { method: 'PATCH', contentType: 'application/merge-patch+json', body: JSON.stringify({ spec: { replicas: 1 } }) });
  await vi.waitFor(() => expect(recorder.markers.filter((m) => m.kind === 'deleted')).toHaveLength(3), { timeout: 20_000 });
  const deleted = new Set(recorder.markers.filter((m) => m.kind === 'deleted').map((m) => m.stream));
  for (const id of deleted) expect(recorder.streams.get(id)!.stream.state).toBe('ended');
  expect({ lost: recorder.lost, duplicated: recorder.duplicated, foreign: recorder.foreign, problems: recorder.problems }).toEqual({ lost: 0, duplicated: 0, foreign: 0, problems: [] });
  follow.dispose();
}, 60_000);

it('reconnects long streams before a server could time them out, without a gap or a repeat', async () => {
  const proactive = new LogService(manager, { tuning: { reconnectAfterMs: 400 } });
  const recorder = new FeedRecorder(sim.clusters[0]!.truth);
  const opened = sim.clusters[0]!.kubelet.logFollowsOpened;
  const follow = followWith(proactive, { selectors: [{ cluster: context, namespace: 'load', kind: 'deployments', name: 'web' }], tail: 0 }, recorder);
  await vi.waitFor(() => expect(sim.clusters[0]!.kubelet.logFollowsOpened - opened).toBeGreaterThan(10), { timeout: 15_000 });
  const record = [...recorder.streams.values()][0]!;
  const cut = sim.clock.now().getTime();
  await vi.waitFor(() => expect(recorder.missingAt(record, cut)).toBe(0), { timeout: 5_000 });
  expect(record.delivered).toBeGreaterThan(20);
  expect({ lost: recorder.lost, duplicated: recorder.duplicated, foreign: recorder.foreign, problems: recorder.problems }).toEqual({ lost: 0, duplicated: 0, foreign: 0, problems: [] });
  follow.dispose();
  await proactive.dispose();
}, 30_000);

it('queues streams beyond the cap, most urgent first, and says how many wait', async () => {
  const recorder = new FeedRecorder(sim.clusters[0]!.truth);
  service.setLimit(1);
  try {
    const follow = followWith(service, { selectors: [{ cluster: context, namespace: 'load' }], tail: 0 }, recorder);
    await vi.waitFor(() => expect(recorder.capacity).toMatchObject({ cluster: context, active: 1, waiting: 1, limit: 1 }), { timeout: 10_000 });
    expect([...recorder.streams.values()].filter((r) => r.stream.state === 'waiting')).toHaveLength(1);
    service.setLimit(50);
    await vi.waitFor(() => expect(recorder.capacity).toMatchObject({ active: 2, waiting: 0, limit: 50 }), { timeout: 10_000 });
    await vi.waitFor(() => expect([...recorder.streams.values()].every((r) => r.stream.state === 'streaming' || r.stream.state === 'ended')).toBe(true), { timeout: 10_000 });
    follow.dispose();
  } finally {
    service.setLimit(50);
  }
}, 30_000);

it('starts a follow opened while its cluster is still connecting once the cache arrives', async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  kc.setCurrentContext(context);
  const late = new ConnectionManager(() => kc);
  const lateService = new LogService(late);
  try {
    const connected = late.connect(context);
    // Discovery and the first lists take a while: catch the connection before its cache exists.
    await vi.waitFor(() => expect(late.status(context)?.phase).toBe('connecting'), { interval: 1 });
    expect(late.cache(context)).toBeUndefined();
    const recorder = new FeedRecorder(sim.clusters[0]!.truth);
    const follow = followWith(lateService, { selectors: [{ cluster: context, namespace: 'load', kind: 'deployments', name: 'web' }], tail: 5 }, recorder);
    await connected;
    await vi.waitFor(() => expect(recorder.lines).toBeGreaterThan(0), { timeout: 15_000 });
    expect(recorder.problems).toEqual([]);
    follow.dispose();
    // A cluster that is not connecting at all is still refused, naming it.
    expect(() => followWith(lateService, { selectors: [{ cluster: 'nowhere', namespace: 'load' }] }, new FeedRecorder(sim.clusters[0]!.truth))).toThrow(/cluster "nowhere" is not connected/);
  } finally {
    await lateService.dispose();
    await late.dispose();
  }
}, 60_000);
