import type { KubeObject, StoreEvent } from '../core/types';
import type { LogTruth } from '../kubelet/log-truth';
import { defaultFlavour, type BehaviourResolver } from './container-behaviour';
import { containerId, pullErrorMessage } from './container-images';
import { plannedExit, pullBackoffSeconds, pullDurationMs, pullFails, restartBackoffSeconds, type ContainerRuntime } from './container-runtime';
import { keyOf, realDelay, same, splitKey, type Controller, type ControllerContext } from './controller-context';
import type { EventSource } from './event-recorder';
import { PodAddresses } from './pod-addresses';
import { buildPodStatus, type PodRuntimeView } from './pod-status-builder';
import { WorkQueue } from './work-queue';

interface PodRuntime extends PodRuntimeView {
  uid: string;
  node: string;
  isJobPod: boolean;
  killAt?: number;
}

interface ContainerSpec {
  name: string;
  image: string;
  readinessProbe?: { initialDelaySeconds?: number; periodSeconds?: number };
}

export interface KubeletHooks {
  /** A pod is gone from the node: drop its exec scratch state and port-forward targets. */
  podRemoved?(namespace: string, name: string): void;
}

/**
 * Every node's kubelet: pulls (ContainerCreating / ErrImagePull / ImagePullBackOff), starts
 * containers (ground-truth log instances), probes readiness, restarts with CrashLoopBackOff
 * back-off, OOM kills, completes Job pods, and finishes graceful deletion, writing pod status and
 * kubelet events as it goes. All timing is simulated time.
 */
export class KubeletController implements Controller {
  readonly name = 'kubelet';
  private readonly queue = new WorkQueue(this.name, (k) => this.sync(k));
  private readonly pods = new Map<string, PodRuntime>();
  private readonly pulled = new Map<string, Set<string>>();
  /** The latest stored (frozen) pod per key, from the change stream: syncs read it without a copy. */
  private readonly latest = new Map<string, KubeObject>();
  readonly addresses = new PodAddresses();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly truth: LogTruth,
    private readonly behaviour: BehaviourResolver,
    private readonly hooks: KubeletHooks = {},
  ) {}

  onEvent(e: StoreEvent): void {
    if (e.resource === 'nodes') {
      if (e.type !== 'DELETED') this.addresses.registerNode(e.object);
      return;
    }
    if (e.resource !== 'pods') return;
    const key = keyOf(e.object);
    if (e.type === 'DELETED') {
      this.latest.delete(key);
      this.forget(key, e.object);
      return;
    }
    this.latest.set(key, e.object);
    if ((e.object.spec as { nodeName?: string }).nodeName) this.queue.add(key);
  }

  resync(): void {
    for (const n of this.ctx.store.list('nodes')) this.addresses.registerNode(n);
    for (const p of this.ctx.store.list('pods')) {
      this.latest.set(keyOf(p), p);
      if ((p.spec as { nodeName?: string }).nodeName) this.queue.add(keyOf(p));
    }
  }

  stop(): void {
    this.queue.stop();
  }

  private now(): number {
    return this.ctx.store.clock.now().getTime();
  }

  private source(node: string): EventSource {
    return { component: 'kubelet', host: node, manager: 'kubelet' };
  }

  private forget(key: string, pod: KubeObject): void {
    const rt = this.pods.get(key);
    if (rt && rt.uid === pod.metadata.uid) {
      const now = this.now();
      for (const c of rt.containers) if (c.state.kind === 'running') this.truth.finish(c.state.containerID, now);
      this.pods.delete(key);
      this.addresses.release(rt.node, rt.podIP);
    }
    const { namespace, name } = splitKey(key);
    this.truth.forgetPod(namespace, name);
    this.hooks.podRemoved?.(namespace, name);
  }

  private sync(key: string): void {
    const { store } = this.ctx;
    const pod = this.latest.get(key);
    const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!pod || !node) return;
    let rt = this.pods.get(key);
    if (rt && rt.uid !== pod.metadata.uid) {
      this.forget(key, { ...pod, metadata: { ...pod.metadata, uid: rt.uid } });
      rt = undefined;
    }
    const now = this.now();
    if (!rt) {
      rt = this.admit(pod, node, now);
      this.pods.set(key, rt);
    }
    if (pod.metadata.deletionTimestamp) {
      if (this.terminate(pod, rt, now)) return;
    } else {
      for (const c of rt.containers) this.advance(pod, rt, c, now);
      this.startEphemeral(pod, rt, now);
    }
    const status = buildPodStatus(pod, rt, now);
    if (!same(status, pod.status)) store.updateStatus('pods', { ...pod, status }, { manager: 'kubelet' });
    const next = this.nextWake(rt, now);
    if (next !== undefined) this.queue.addAfter(key, realDelay(store, Math.max(1, next - now)));
  }

  /** First sight of a pod bound to this node: address it and start pulling every container. */
  private admit(pod: KubeObject, node: string, now: number): PodRuntime {
    const spec = pod.spec as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; restartPolicy?: string; hostNetwork?: boolean };
    const hostIP = this.addresses.hostIP(node, this.ctx.store);
    const podIP = spec.hostNetwork ? hostIP : this.addresses.allocate(node, this.ctx.store);
    // Job pods do their work and exit; anything else runs until told otherwise by its behaviour.
    const isJobPod = (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'Job');
    const containers = (spec.containers ?? []).map<ContainerRuntime>((c) => ({
      name: c.name,
      image: c.image,
      behaviour: this.behaviour(pod, c.name),
      restartCount: 0,
      state: { kind: 'creating' },
      nextAt: now,
      pullAttempts: 0,
      readinessPeriodMs: (c.readinessProbe?.periodSeconds ?? 10) * 1000,
    }));
    return {
      uid: pod.metadata.uid,
      node,
      hostIP,
      podIP,
      startTime: now,
      containers,
      restartPolicy: spec.restartPolicy ?? 'Always',
      initContainers: (spec.initContainers ?? []).map((c) => ({ name: c.name, image: c.image })),
      isJobPod,
    };
  }

  /** `kubectl debug` added ephemeral containers: they start at once (their image is taken as present). */
  private startEphemeral(pod: KubeObject, rt: PodRuntime, now: number): void {
    const specs = (pod.spec as { ephemeralContainers?: Array<{ name: string; image: string }> }).ephemeralContainers ?? [];
    for (const e of specs) {
      if (rt.ephemeral?.some((x) => x.name === e.name)) continue;
      (rt.ephemeral ??= []).push({ name: e.name, image: e.image, startedAt: now, containerID: containerId(pod.metadata.uid, e.name, 0) });
      this.ctx.events.record(this.source(rt.node), pod, 'Normal', 'Started', `Started container ${e.name}`, `spec.ephemeralContainers{${e.name}}`);
    }
  }

  private advance(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, now: number): void {
    for (let guard = 0; c.nextAt !== undefined && c.nextAt <= now && guard < 50; guard++) {
      const at = c.nextAt;
      const s = c.state;
      if (s.kind === 'creating') {
        const images = this.pulled.get(rt.node) ?? new Set<string>();
        this.pulled.set(rt.node, images);
        if (pullFails(c)) {
          if (c.pullAttempts === 0) this.recordContainer(rt, pod, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
          this.recordContainer(rt, pod, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${pullErrorMessage(c.image)}`);
          this.recordContainer(rt, pod, c, 'Warning', 'Failed', 'Error: ErrImagePull');
          c.pullAttempts++;
          c.state = { kind: 'pullError', reason: 'ErrImagePull' };
          c.nextAt = at + 1000;
        } else if (c.pullAttempts === 0 && images.has(c.image)) {
          this.recordContainer(rt, pod, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
          this.start(pod, rt, c, at);
        } else if (c.pullAttempts === 0) {
          // Announce the pull and come back when it has finished.
          this.recordContainer(rt, pod, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
          c.pullAttempts = 1;
          c.nextAt = at + pullDurationMs(c.image);
        } else {
          const secs = (pullDurationMs(c.image) / 1000).toFixed(3);
          this.recordContainer(rt, pod, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting)`);
          images.add(c.image);
          this.start(pod, rt, c, at);
        }
      } else if (s.kind === 'pullError') {
        if (s.reason === 'ErrImagePull') {
          this.recordContainer(rt, pod, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
          this.recordContainer(rt, pod, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
          c.state = { kind: 'pullError', reason: 'ImagePullBackOff' };
          c.nextAt = at + pullBackoffSeconds(c.pullAttempts) * 1000;
        } else {
          this.recordContainer(rt, pod, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
          c.state = { kind: 'creating' };
          c.nextAt = at + pullDurationMs(c.image);
        }
      } else if (s.kind === 'running') {
        this.exit(pod, rt, c, at);
      } else if (s.kind === 'terminated' && s.restarting) {
        const backoff = restartBackoffSeconds(c.restartCount);
        c.lastTerminated = s.last;
        // One second after the exit (set by `exit`): restart at once, or wait out the back-off.
        if (backoff > 0 && c.nextAt === s.last.finishedAt + 1000) {
          this.recordContainer(rt, pod, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`);
          c.state = { kind: 'crashBackOff', backoffSeconds: backoff };
          c.nextAt = s.last.finishedAt + backoff * 1000;
          continue;
        }
        this.restart(pod, rt, c, at);
      } else if (s.kind === 'crashBackOff') {
        this.restart(pod, rt, c, at);
      } else {
        c.nextAt = undefined;
      }
    }
    if (c.state.kind === 'running' && c.behaviour.neverReady && c.nextProbeFailureAt !== undefined && c.nextProbeFailureAt <= now) {
      this.recordContainer(rt, pod, c, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
      c.nextProbeFailureAt = now + c.readinessPeriodMs;
    }
  }

  private recordContainer(rt: PodRuntime, pod: KubeObject, c: ContainerRuntime, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.source(rt.node), pod, type, reason, message, `spec.containers{${c.name}}`);
  }

  private restart(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, at: number): void {
    this.recordContainer(rt, pod, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
    c.restartCount++;
    this.start(pod, rt, c, at);
  }

  private start(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, at: number): void {
    this.recordContainer(rt, pod, c, 'Normal', 'Created', `Created container ${c.name}`);
    this.recordContainer(rt, pod, c, 'Normal', 'Started', `Started container ${c.name}`);
    const id = containerId(pod.metadata.uid, c.name, c.restartCount);
    c.state = { kind: 'running', startedAt: at, containerID: id };
    const logs = c.behaviour.logs ?? {};
    this.truth.start({
      containerID: id,
      namespace: pod.metadata.namespace ?? 'default',
      pod: pod.metadata.name,
      container: c.name,
      startedAtMs: at,
      flavour: logs.flavour ?? defaultFlavour(c.image),
      linesPerSecond: logs.linesPerSecond ?? 0.5,
    });
    const probe = (pod.spec as { containers?: ContainerSpec[] }).containers?.find((x) => x.name === c.name)?.readinessProbe;
    c.readyAt = at + (c.behaviour.readyAfterSeconds ?? probe?.initialDelaySeconds ?? 0) * 1000;
    if (c.behaviour.neverReady) c.nextProbeFailureAt = c.readyAt;
    const exit = plannedExit(c, at, rt.isJobPod, `${pod.metadata.uid}/${c.name}`);
    c.nextAt = exit?.at;
    this.pendingExit.set(c, exit);
  }

  private readonly pendingExit = new WeakMap<ContainerRuntime, ReturnType<typeof plannedExit>>();

  private exit(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, at: number): void {
    if (c.state.kind !== 'running') return;
    const planned = this.pendingExit.get(c) ?? { exitCode: 0, reason: 'Completed' as const, at };
    const last = { exitCode: planned.exitCode, reason: planned.reason, startedAt: c.state.startedAt, finishedAt: at, containerID: c.state.containerID };
    this.truth.finish(c.state.containerID, at);
    const restarting = rt.restartPolicy === 'Always' || (rt.restartPolicy === 'OnFailure' && last.exitCode !== 0);
    c.state = { kind: 'terminated', last, restarting };
    c.readyAt = undefined;
    // The next sync (a second later) restarts at once or enters CrashLoopBackOff.
    c.nextAt = restarting ? at + 1000 : undefined;
  }

  /** Graceful deletion: Killing, the containers stop (at once, or after the grace period if they ignore SIGTERM), then the pod is removed. */
  private terminate(pod: KubeObject, rt: PodRuntime, now: number): boolean {
    const { store } = this.ctx;
    if (rt.killAt === undefined) {
      const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      const stubborn = rt.containers.some((c) => c.behaviour.ignoresSigterm);
      rt.killAt = now + (stubborn ? grace : Math.min(grace, 800));
      for (const c of rt.containers) if (c.state.kind === 'running') this.recordContainer(rt, pod, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    if (now < rt.killAt) {
      this.queue.addAfter(keyOf(pod), realDelay(store, rt.killAt - now));
      return true;
    }
    for (const c of rt.containers) {
      if (c.state.kind === 'running') {
        const last = { exitCode: 0, reason: 'Completed' as const, startedAt: c.state.startedAt, finishedAt: now, containerID: c.state.containerID };
        this.truth.finish(c.state.containerID, now);
        c.state = { kind: 'terminated', last, restarting: false };
      }
      c.nextAt = undefined;
    }
    const status = buildPodStatus(pod, rt, now);
    const written = same(status, pod.status) ? pod : store.updateStatus('pods', { ...pod, status }, { manager: 'kubelet' });
    store.delete('pods', written.metadata.namespace, written.metadata.name, { gracePeriodSeconds: 0, manager: 'kubelet' });
    return true;
  }

  private nextWake(rt: PodRuntime, now: number): number | undefined {
    let next: number | undefined;
    for (const c of rt.containers) {
      for (const t of [c.nextAt, c.readyAt !== undefined && c.readyAt > now ? c.readyAt : undefined, c.nextProbeFailureAt]) {
        if (t !== undefined && (next === undefined || t < next)) next = t;
      }
    }
    return next;
  }
}

