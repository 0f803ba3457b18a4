/**
 * Rollout verdicts on the simulator, from the watch cache and the workload object: a rollout that
 * completes, one to an image that cannot be pulled, a crash-looping one and one stuck past its
 * progress deadline — each with the reason a person needs.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startSim, type RunningSim } from '../../sim/index';
import { loggingScenario } from '../../bench/logs/follow-harness';
import { logsChannels } from '../../shared/api/channels/logs';
import type { HostMessage } from '../../shared/api/wire';
import type { RolloutStatus } from '../../shared/model/logs';
import { StreamSink } from '../api/stream-sink';
import type { ConnectionManager } from '../kube/connection/connection-manager';
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
  // Five simulated seconds per real one: deadlines and back-offs pass quickly.
  const scenario = loggingScenario(
    [
      { name: 'good', replicas: 2, linesPerSecond: 1 },
      { name: 'crashy', replicas: 1, linesPerSecond: 1, crashAfterSeconds: 2 },
      { name: 'stuck', replicas: 2, linesPerSecond: 1, extra: { progressDeadlineSeconds: 20 } },
    ],
    { clockSpeed: 5, neverReady: ['stuck'] },
  );
  cleanup = scenario.cleanup;
  sim = await startSim({ scenario: scenario.path });
  let kubeConfig: KubeConfig;
  ({ kubeConfig, manager } = await connectedManager(sim, context));
  client = new KubeHttpClient(kubeConfig);
  // A readiness grace longer than the progress deadline, so the stuck rollout is judged by the deadline.
  service = new LogService(manager, { readinessGraceMs: 10 * 60_000 });
}, 60_000);

afterAll(async () => {
  await service?.dispose();
  client?.close();
  await manager?.dispose();
  await sim?.stop();
  cleanup?.();
});

function track(name: string): { latest: () => RolloutStatus | undefined; ended: () => string | undefined; dispose(): void } {
  let latest: RolloutStatus | undefined;
  let ended: string | undefined;
  const channel = logsChannels['logs.rollout'];
  const sink: StreamSink<RolloutStatus> = new StreamSink(1, channel, (m: HostMessage) => {
    if (m.k === 'batch') {
      latest = (m.evs as RolloutStatus[]).at(-1);
      queueMicrotask(() => sink.ack());
    } else if (m.k === 'end') ended = m.e?.message ?? 'ended';
  });
  const handle = service.handlers()['logs.rollout'](channel.params.parse({ cluster: context, namespace: 'load', kind: 'deployments', name }), sink, { peerId: 'test' });
  return { latest: () => latest, ended: () => ended, dispose: () => (sink.cancel(), handle?.dispose()) };
}

it('a good rollout becomes ready with every replica updated and available, and a rollout to a bad image fails', async () => {
  const good = track('good');
  await vi.waitFor(() => expect(good.latest()).toMatchObject({ verdict: 'ready', desired: 2, updated: 2, ready: 2, available: 2 }), { timeout: 20_000 });
  const ready = good.latest()!;
  expect(ready.observedGeneration).toBeGreaterThanOrEqual(ready.generation);
  expect(ready.pods.map((p) => p.ready)).toEqual([true, true]);

  await client.json('/apis/apps/v1/namespaces/load/deployments/good', {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.example/logger:does-not-exist' }] } } } }),
  });
  await vi.waitFor(() => expect(good.latest()?.verdict).toBe('failed'), { timeout: 20_000 });
  const failed = good.latest()!;
  expect(failed.reason).toMatch(/^(ImagePullBackOff|ErrImagePull|Failed): good-\w+-\w+/);
  expect(failed.reason).toContain('registry.example/logger:does-not-exist');
  expect(failed.generation).toBe(ready.generation + 1);
  // The verdict is about the new revision: its pods, not the old ones that still serve.
  expect(failed.pods.every((p) => !p.ready)).toBe(true);
  good.dispose();
}, 60_000);

it('a crash-looping rollout fails with CrashLoopBackOff', async () => {
  const crashy = track('crashy');
  await vi.waitFor(() => expect(crashy.latest()?.verdict).toBe('failed'), { timeout: 20_000 });
  expect(crashy.latest()!.reason).toMatch(/^CrashLoopBackOff: crashy-\w+-\w+ \(registry.example\/logger:1.0\)$/);
  expect(crashy.latest()!.pods[0]!.restarts).toBeGreaterThan(0);
  crashy.dispose();
}, 30_000);

it('a rollout whose pods never become ready fails on its progress deadline', async () => {
  const stuck = track('stuck');
  await vi.waitFor(() => expect(stuck.latest()).toMatchObject({ verdict: 'progressing', desired: 2, available: 0 }), { timeout: 20_000 });
  await vi.waitFor(() => expect(stuck.latest()?.verdict).toBe('failed'), { timeout: 30_000 });
  expect(stuck.latest()!.reason).toMatch(/^ProgressDeadlineExceeded: ReplicaSet "stuck-\w+" has timed out progressing\.$/);
  stuck.dispose();
}, 40_000);

it('says when the workload does not exist', async () => {
  const missing = track('nope');
  await vi.waitFor(() => expect(missing.ended()).toBe('Deployment load/nope not found in cluster "logs"'), { timeout: 10_000 });
  missing.dispose();
});
