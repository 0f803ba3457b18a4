/**
 * No lost and no repeated line: 50 containers printing 200 lines/s each are followed for 60 s while
 * 80 log connections are broken (reset, closed cleanly, cut mid-line) and crash-looping containers
 * restart — at least 100 faults. Every delivered line is checked against the simulator's ground truth
 * of its container instance as it arrives; at the end every instance's lines must all be there.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startSim, type RunningSim } from '../../sim/index';
import type { LogDropMode } from '../../sim/kubelet/log-stream';
import type { ContainerInstance } from '../../sim/kubelet/log-truth';
import { FeedRecorder, followWith, loggingScenario } from '../../bench/logs/follow-harness';
import type { PodRow } from '../../shared/model/rows';
import type { ConnectionManager } from '../kube/connection/connection-manager';
import { connectedManager } from '../testing/sim-host';
import { LogService } from './log-service';

const STEADY = 30;
const CRASHING = 20;
const LINES_PER_S = 200;
const RUN_MS = 60_000;
const DROPS = 80;

let sim: RunningSim;
let manager: ConnectionManager;
let service: LogService;
let cleanup: () => void;
const context = 'logs';

beforeAll(async () => {
  const scenario = loggingScenario(
    [
      { name: 'steady', replicas: STEADY, linesPerSecond: LINES_PER_S },
      { name: 'crashy', replicas: CRASHING, linesPerSecond: LINES_PER_S, crashAfterSeconds: 8 },
    ],
    { nodes: 4 },
  );
  cleanup = scenario.cleanup;
  sim = await startSim({ scenario: scenario.path });
  ({ manager } = await connectedManager(sim, context));
  service = new LogService(manager);
}, 60_000);

afterAll(async () => {
  await service?.dispose();
  await manager?.dispose();
  await sim?.stop();
  cleanup?.();
});

it('delivers every line of 50 streams × 200 lines/s for 60 s exactly once through 100+ drops and restarts', async () => {
  const cluster = sim.clusters[0]!;
  const truth = cluster.truth;
  const running = () => [...manager.cache(context)!.list(['pods'])].filter((r): r is PodRow => r.kind === 'pods' && r.containers[0]?.state === 'running');
  await vi.waitFor(() => expect(running()).toHaveLength(STEADY + CRASHING), { timeout: 20_000 });

  // Every instance that must be delivered in full: those running now and every one started from now on.
  const instances = new Set<ContainerInstance>();
  const restarts: ContainerInstance[] = [];
  const off = truth.subscribe((e) => {
    if (e.type !== 'started') return;
    instances.add(e.instance);
    restarts.push(e.instance);
  });
  for (const pod of running()) {
    const all = truth.instances('load', pod.name, 'app');
    if (all.length > 0) instances.add(all[all.length - 1]!);
  }

  const recorder = new FeedRecorder(truth);
  const follow = followWith(service, { selectors: [{ cluster: context, namespace: 'load' }] }, recorder);
  await vi.waitFor(() => expect([...recorder.streams.values()].filter((r) => r.delivered > 0).length).toBeGreaterThanOrEqual(STEADY + CRASHING), { timeout: 20_000 });

  // Break a random open log connection every 750 ms, cycling through the ways a connection dies.
  const modes: LogDropMode[] = ['reset', 'end', 'midLine'];
  let drops = 0;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const started = Date.now();
  while (drops < DROPS && Date.now() - started < RUN_MS + 10_000) {
    await new Promise((r) => setTimeout(r, (RUN_MS - 1_000) / DROPS));
    const open = cluster.kubelet.followedLogs();
    if (open.length === 0) continue;
    const victim = open[Math.floor(random() * open.length)]!;
    drops += cluster.kubelet.dropLogStreams(modes[drops % modes.length], (f) => f.containerID === victim.containerID);
  }
  // The rest of the minute runs without injected drops; restarts go on.
  await new Promise((r) => setTimeout(r, Math.max(0, RUN_MS - (Date.now() - started))));
  off();

  // Caught up: every instance has delivered what it printed up to a second ago (all of it, if it ended).
  const cut = sim.clock.now().getTime() - 1_000;
  await vi.waitFor(
    () => {
      for (const inst of instances) {
        if (inst.startedAtMs > cut) continue;
        const record = recorder.byContainerId(inst.containerID);
        expect(record, `a stream for ${inst.pod}#${inst.containerID.slice(-8)}`).toBeDefined();
        expect(recorder.missingAt(record!, cut), `${inst.pod} lines missing`).toBe(0);
      }
    },
    { timeout: 20_000, interval: 200 },
  );
  follow.dispose();

  const ended = [...instances].filter((i) => i.finishedAtMs !== undefined && i.finishedAtMs < cut);
  for (const inst of ended) expect(recorder.byContainerId(inst.containerID)!.next).toBe(truth.countAt(inst, Number.MAX_SAFE_INTEGER));
  const restarted = restarts.filter((i) => truth.instances(i.namespace, i.pod, i.container).indexOf(i) > 0).length;
  const delivered = [...recorder.streams.values()].reduce((n, r) => n + r.next, 0);
  console.log(`log no-loss: ${delivered} lines in ${recorder.streams.size} streams, ${drops} drops, ${restarted} restarts, ${recorder.markers.filter((m) => m.kind === 'previous').length} previous reads`);
  expect(drops).toBeGreaterThanOrEqual(DROPS);
  expect(drops + restarted).toBeGreaterThanOrEqual(100);
  // The load really was ~10,000 lines/s (crash-looping containers print nothing while backing off).
  expect(delivered).toBeGreaterThan((STEADY + CRASHING) * LINES_PER_S * 40);
  expect({ lost: recorder.lost, duplicated: recorder.duplicated, foreign: recorder.foreign, overflow: recorder.overflow, problems: recorder.problems }).toEqual({
    lost: 0,
    duplicated: 0,
    foreign: 0,
    overflow: 0,
    problems: [],
  });
}, 150_000);
