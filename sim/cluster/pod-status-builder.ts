import type { KubeObject } from '../core/types';
import { imageId, normalizeImage } from './container-images';
import type { ContainerRuntime, Terminated } from './container-runtime';
import { formatTime } from './time-format';

export interface PodRuntimeView {
  hostIP: string;
  podIP: string;
  startTime: number;
  containers: ContainerRuntime[];
  restartPolicy: string;
  initContainers: Array<{ name: string; image: string }>;
  /** Ephemeral (debug) containers: running from when the kubelet first saw them. */
  ephemeral?: Array<{ name: string; image: string; startedAt: number; containerID: string }>;
}

function terminatedJson(t: Terminated): Record<string, unknown> {
  return { exitCode: t.exitCode, reason: t.reason, startedAt: formatTime(t.startedAt), finishedAt: formatTime(t.finishedAt), containerID: t.containerID };
}

function isReady(c: ContainerRuntime, now: number): boolean {
  return c.state.kind === 'running' && !c.behaviour.neverReady && c.readyAt !== undefined && now >= c.readyAt;
}

function containerStatus(c: ContainerRuntime, pod: KubeObject, now: number): Record<string, unknown> {
  let state: Record<string, unknown>;
  let containerID: string | undefined;
  const s = c.state;
  switch (s.kind) {
    case 'creating':
      state = { waiting: { reason: 'ContainerCreating' } };
      break;
    case 'pullError':
      state = {
        waiting: {
          reason: s.reason,
          message: s.reason === 'ImagePullBackOff' ? `Back-off pulling image "${c.image}"` : `failed to pull image "${c.image}": not found`,
        },
      };
      break;
    case 'running':
      state = { running: { startedAt: formatTime(s.startedAt) } };
      containerID = s.containerID;
      break;
    case 'terminated':
      state = { terminated: terminatedJson(s.last) };
      containerID = s.last.containerID;
      break;
    case 'crashBackOff':
      state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${s.backoffSeconds >= 60 ? `${Math.floor(s.backoffSeconds / 60)}m${s.backoffSeconds % 60}s` : `${s.backoffSeconds}s`} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        },
      };
      containerID = c.lastTerminated?.containerID;
      break;
  }
  const lastTerminated = s.kind === 'terminated' ? undefined : c.lastTerminated;
  return {
    name: c.name,
    state,
    lastState: lastTerminated ? { terminated: terminatedJson(lastTerminated) } : {},
    ready: isReady(c, now),
    restartCount: c.restartCount,
    image: normalizeImage(c.image),
    imageID: s.kind === 'creating' || s.kind === 'pullError' ? '' : imageId(c.image),
    ...(containerID ? { containerID } : {}),
    started: s.kind === 'running',
  };
}

/** Pod phase from its containers (kubelet `getPhase`). */
export function podPhaseOf(view: PodRuntimeView): string {
  const cs = view.containers;
  const everStarted = (c: ContainerRuntime) => c.restartCount > 0 || c.state.kind === 'running' || c.state.kind === 'terminated' || c.state.kind === 'crashBackOff';
  if (cs.some((c) => !everStarted(c))) return 'Pending';
  if (cs.some((c) => c.state.kind === 'running' || c.state.kind === 'crashBackOff' || (c.state.kind === 'terminated' && c.state.restarting))) return 'Running';
  const failed = cs.some((c) => c.state.kind === 'terminated' && c.state.last.exitCode !== 0);
  return failed ? 'Failed' : 'Succeeded';
}

/** The full `status` the kubelet writes, keeping the scheduler's PodScheduled condition. */
export function buildPodStatus(pod: KubeObject, view: PodRuntimeView, now: number): Record<string, unknown> {
  const prev = (pod.status ?? {}) as { conditions?: Array<Record<string, unknown>>; qosClass?: string };
  const phase = podPhaseOf(view);
  const prevCond = (type: string) => prev.conditions?.find((c) => c.type === type);
  const condition = (type: string, ok: boolean, reason?: string, message?: string) => {
    const before = prevCond(type);
    const status = ok ? 'True' : 'False';
    const sameStatus = before?.status === status;
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: sameStatus && typeof before?.lastTransitionTime === 'string' ? before.lastTransitionTime : formatTime(now),
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  };
  const unready = view.containers.filter((c) => !isReady(c, now)).map((c) => c.name);
  const done = phase === 'Succeeded' || phase === 'Failed';
  const notReadyReason = done ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = done ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = prevCond('PodScheduled') ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(view.startTime) };
  const allReady = unready.length === 0;
  const status: Record<string, unknown> = {
    phase,
    conditions: [
      condition('Initialized', true, done ? 'PodCompleted' : undefined),
      allReady ? condition('Ready', true) : condition('Ready', false, notReadyReason, notReadyMessage),
      allReady ? condition('ContainersReady', true) : condition('ContainersReady', false, notReadyReason, notReadyMessage),
      scheduled,
    ],
    hostIP: view.hostIP,
    podIP: view.podIP,
    podIPs: [{ ip: view.podIP }],
    startTime: formatTime(view.startTime),
    ...(view.initContainers.length > 0
      ? {
          initContainerStatuses: view.initContainers.map(({ name, image }) => ({
            name,
            state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: formatTime(view.startTime), finishedAt: formatTime(view.startTime), containerID: `containerd://${'0'.repeat(64)}` } },
            lastState: {},
            ready: true,
            restartCount: 0,
            image: normalizeImage(image),
            imageID: imageId(image),
            started: false,
          })),
        }
      : {}),
    containerStatuses: view.containers.map((c) => containerStatus(c, pod, now)),
    ...(view.ephemeral?.length
      ? {
          ephemeralContainerStatuses: view.ephemeral.map((e) => ({
            name: e.name,
            state: { running: { startedAt: formatTime(e.startedAt) } },
            lastState: {},
            ready: false,
            restartCount: 0,
            image: normalizeImage(e.image),
            imageID: imageId(e.image),
            containerID: e.containerID,
          })),
        }
      : {}),
    ...(prev.qosClass ? { qosClass: prev.qosClass } : {}),
  };
  return status;
}

export { isReady as containerIsReady };
