/**
 * kubedog's rollout rules as a pure function: is a workload's rollout ready, failed, or still
 * progressing, and why. Ready: Deployment when observedGeneration ≥ generation and updated = replicas
 * = available = desired; StatefulSet likewise with partitions (only ordinals ≥ partition update);
 * DaemonSet when updated = available = desired; Job by its Complete/Failed conditions. Failed: a pod
 * of the revision being rolled out in ImagePullBackOff/ErrImagePull/CrashLoopBackOff, a Warning event
 * whose reason contains "Failed", a liveness or startup probe failing (it restarts the container), a
 * readiness probe still failing after a grace window, ProgressDeadlineExceeded or ReplicaFailure.
 */
import type { RolloutStatus, RolloutVerdict } from '../model/logs';

export interface RolloutContainerInput {
  name: string;
  image: string;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  reason?: string;
  ready: boolean;
  restarts: number;
}

export interface RolloutPodInput {
  name: string;
  phase: string;
  ready: boolean;
  createdAt: string;
  deleting?: boolean;
  containers: RolloutContainerInput[];
}

export interface RolloutEventInput {
  type: string;
  reason: string;
  message: string;
  /** `Pod/frontend-7c9-abcde`, `ReplicaSet/frontend-7c9`, `Deployment/frontend`. */
  involved: string;
  lastSeen: string;
}

export interface RolloutCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface RolloutInput {
  kind: RolloutStatus['kind'];
  generation: number;
  observedGeneration: number;
  desired: number;
  /** status.replicas: pods of every revision that count (Deployment, StatefulSet). */
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  conditions: RolloutCondition[];
  /** StatefulSet: ordinals below the partition keep the old revision. */
  partition?: number;
  onDelete?: boolean;
  currentRevision?: string;
  updateRevision?: string;
  /** Pods of the revision being rolled out. */
  pods: RolloutPodInput[];
  /** Events about the workload, its current ReplicaSet/Job and `pods`, since that revision began. */
  events: RolloutEventInput[];
  /** How long a pod's readiness probe may fail before that counts as a failure (ms). */
  readinessGraceMs?: number;
}

export interface RolloutJudgement {
  verdict: RolloutVerdict;
  reason?: string;
}

export const DEFAULT_READINESS_GRACE_MS = 60_000;
const POD_FAILURES = new Set(['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName']);

export function rolloutVerdict(input: RolloutInput): RolloutJudgement {
  if (input.kind === 'jobs') {
    const done = input.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    if (done?.type === 'Complete') return { verdict: 'ready', reason: `Complete: ${input.updated} succeeded` };
    if (done?.type === 'Failed') return { verdict: 'failed', reason: `${done.reason ?? 'Failed'}: ${done.message ?? 'the job failed'}` };
  }
  const failure = failureOf(input);
  if (failure) return { verdict: 'failed', reason: failure };
  if (input.kind === 'jobs') return { verdict: 'progressing', reason: `${input.updated} succeeded, ${input.ready} active` };
  if (input.observedGeneration < input.generation) {
    return { verdict: 'progressing', reason: `waiting for the controller to observe generation ${input.generation}` };
  }
  const waiting = waitingFor(input);
  return waiting ? { verdict: 'progressing', reason: waiting } : { verdict: 'ready', reason: `${input.desired} of ${input.desired} updated and available` };
}

/** What the rollout still waits for, or undefined when it is done. */
function waitingFor(input: RolloutInput): string | undefined {
  const { desired, replicas, updated, ready, available } = input;
  switch (input.kind) {
    case 'deployments':
      if (updated < desired) return `${updated} of ${desired} replicas updated`;
      if (replicas > updated) return `${replicas - updated} old replica${replicas - updated === 1 ? '' : 's'} pending termination`;
      if (available < desired) return `${available} of ${desired} updated replicas available`;
      return undefined;
    case 'statefulsets': {
      if (input.onDelete) return ready < desired ? `${ready} of ${desired} replicas ready` : undefined;
      const partition = input.partition ?? 0;
      if (partition > 0) {
        const want = Math.max(0, desired - partition);
        if (updated < want) return `${updated} of ${want} replicas above partition ${partition} updated`;
        return ready < desired ? `${ready} of ${desired} replicas ready` : undefined;
      }
      if (updated < desired) return `${updated} of ${desired} replicas updated`;
      if (input.updateRevision && input.currentRevision && input.updateRevision !== input.currentRevision) return `waiting for revision ${input.updateRevision} to become current`;
      return ready < desired ? `${ready} of ${desired} replicas ready` : undefined;
    }
    case 'daemonsets':
      if (updated < desired) return `${updated} of ${desired} scheduled pods updated`;
      return available < desired ? `${available} of ${desired} updated pods available` : undefined;
    case 'jobs':
      return undefined;
  }
}

function failureOf(input: RolloutInput): string | undefined {
  const deadline = input.conditions.find((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded');
  if (deadline) return `ProgressDeadlineExceeded: ${deadline.message ?? 'the rollout made no progress within its deadline'}`;
  const replicaFailure = input.conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (replicaFailure) return `${replicaFailure.reason ?? 'ReplicaFailure'}: ${replicaFailure.message ?? ''}`.trim();
  for (const pod of input.pods) {
    if (pod.deleting) continue;
    for (const c of pod.containers) {
      if (c.reason && POD_FAILURES.has(c.reason)) return `${c.reason}: ${pod.name} (${c.image})`;
    }
  }
  const grace = input.readinessGraceMs ?? DEFAULT_READINESS_GRACE_MS;
  const byName = new Map(input.pods.map((p) => [`Pod/${p.name}`, p]));
  for (const e of [...input.events].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))) {
    if (e.reason === 'Unhealthy') {
      if (/^(Liveness|Startup) probe failed/.test(e.message)) return `${e.message.startsWith('Liveness') ? 'LivenessProbeFailed' : 'StartupProbeFailed'}: ${name(e.involved)}: ${e.message}`;
      const pod = byName.get(e.involved);
      // A readiness probe may fail while the app warms up; only a pod still unready past the grace counts.
      if (/^Readiness probe failed/.test(e.message) && pod && !pod.ready && !pod.deleting && Date.parse(e.lastSeen) - Date.parse(pod.createdAt) > grace) {
        return `ReadinessProbeFailed: ${pod.name} not ready after ${Math.round(grace / 1000)} s: ${e.message}`;
      }
      continue;
    }
    if (e.type === 'Warning' && e.reason.includes('Failed')) return `${e.reason}: ${name(e.involved)}: ${e.message}`;
  }
  return undefined;
}

function name(involved: string): string {
  return involved.slice(involved.indexOf('/') + 1);
}
