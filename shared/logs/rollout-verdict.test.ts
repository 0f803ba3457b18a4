import { describe, expect, it } from 'vitest';
import { rolloutVerdict, type RolloutInput, type RolloutPodInput } from './rollout-verdict';

const deployment = (over: Partial<RolloutInput> = {}): RolloutInput => ({
  kind: 'deployments',
  generation: 2,
  observedGeneration: 2,
  desired: 3,
  replicas: 3,
  updated: 3,
  ready: 3,
  available: 3,
  conditions: [],
  pods: [],
  events: [],
  ...over,
});

const pod = (name: string, over: Partial<RolloutPodInput> = {}, reason?: string): RolloutPodInput => ({
  name,
  phase: reason ? 'Pending' : 'Running',
  ready: !reason,
  createdAt: '2026-11-21T10:00:00Z',
  containers: [{ name: 'main', image: 'nginx:1.25', state: reason ? 'waiting' : 'running', ready: !reason, restarts: 0, ...(reason ? { reason } : {}) }],
  ...over,
});

describe('Deployment', () => {
  it('is ready when the generation is observed and updated = replicas = available = desired', () => {
    expect(rolloutVerdict(deployment())).toEqual({ verdict: 'ready', reason: '3 of 3 updated and available' });
  });

  it('waits for the controller, then for updates, old replicas and availability', () => {
    expect(rolloutVerdict(deployment({ observedGeneration: 1 }))).toEqual({ verdict: 'progressing', reason: 'waiting for the controller to observe generation 2' });
    expect(rolloutVerdict(deployment({ updated: 1 })).reason).toBe('1 of 3 replicas updated');
    expect(rolloutVerdict(deployment({ replicas: 4 })).reason).toBe('1 old replica pending termination');
    expect(rolloutVerdict(deployment({ available: 2 })).reason).toBe('2 of 3 updated replicas available');
  });

  it('fails on image pull and crash loop states of the new pods, naming pod and image', () => {
    const bad = deployment({ updated: 1, available: 2, pods: [pod('web-new-1', {}, 'ImagePullBackOff')] });
    expect(rolloutVerdict(bad)).toEqual({ verdict: 'failed', reason: 'ImagePullBackOff: web-new-1 (nginx:1.25)' });
    expect(rolloutVerdict(deployment({ pods: [pod('a', {}, 'ErrImagePull')] })).reason).toMatch(/^ErrImagePull: a/);
    expect(rolloutVerdict(deployment({ pods: [pod('a', {}, 'CrashLoopBackOff')] })).reason).toMatch(/^CrashLoopBackOff: a/);
    // A pod on its way out does not fail the rollout.
    expect(rolloutVerdict(deployment({ pods: [pod('a', { deleting: true }, 'CrashLoopBackOff')] })).verdict).toBe('ready');
  });

  it('fails on ProgressDeadlineExceeded and ReplicaFailure', () => {
    const stuck = deployment({ available: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }] });
    expect(rolloutVerdict(stuck)).toEqual({ verdict: 'failed', reason: 'ProgressDeadlineExceeded: ReplicaSet "web-1" has timed out progressing.' });
    const quota = deployment({ updated: 0, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' }] });
    expect(rolloutVerdict(quota)).toEqual({ verdict: 'failed', reason: 'FailedCreate: exceeded quota' });
  });

  it('fails on Warning events whose reason contains Failed, and on liveness probes', () => {
    const mount = deployment({ available: 2, events: [{ type: 'Warning', reason: 'FailedMount', message: 'secret "x" not found', involved: 'Pod/web-1', lastSeen: '2026-11-21T10:00:05Z' }] });
    expect(rolloutVerdict(mount)).toEqual({ verdict: 'failed', reason: 'FailedMount: web-1: secret "x" not found' });
    const normal = deployment({ events: [{ type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod', involved: 'ReplicaSet/web-1', lastSeen: '2026-11-21T10:00:05Z' }] });
    expect(rolloutVerdict(normal).verdict).toBe('ready');
    const liveness = deployment({ events: [{ type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: connection refused', involved: 'Pod/web-1', lastSeen: '2026-11-21T10:00:05Z' }] });
    expect(rolloutVerdict(liveness).reason).toBe('LivenessProbeFailed: web-1: Liveness probe failed: connection refused');
  });

  it('gives failing readiness probes a grace window', () => {
    const unready = pod('web-1', { ready: false });
    const event = (at: string) => ({ type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', involved: 'Pod/web-1', lastSeen: at });
    const early = deployment({ available: 2, pods: [unready], events: [event('2026-11-21T10:00:20Z')] });
    expect(rolloutVerdict(early).verdict).toBe('progressing');
    const late = deployment({ available: 2, pods: [unready], events: [event('2026-11-21T10:01:30Z')] });
    expect(rolloutVerdict(late).reason).toMatch(/^ReadinessProbeFailed: web-1 not ready after 60 s/);
    expect(rolloutVerdict({ ...late, readinessGraceMs: 120_000 }).verdict).toBe('progressing');
  });
});

describe('StatefulSet', () => {
  const sts = (over: Partial<RolloutInput> = {}) => deployment({ kind: 'statefulsets', currentRevision: 'db-1', updateRevision: 'db-1', ...over });

  it('is ready when every ordinal is updated and ready on the current revision', () => {
    expect(rolloutVerdict(sts()).verdict).toBe('ready');
    expect(rolloutVerdict(sts({ updateRevision: 'db-2' })).reason).toBe('waiting for revision db-2 to become current');
    expect(rolloutVerdict(sts({ ready: 2 })).reason).toBe('2 of 3 replicas ready');
  });

  it('with a partition, only ordinals at or above it must update', () => {
    expect(rolloutVerdict(sts({ partition: 2, updated: 1, updateRevision: 'db-2' })).verdict).toBe('ready');
    expect(rolloutVerdict(sts({ partition: 1, updated: 1, updateRevision: 'db-2' })).reason).toBe('1 of 2 replicas above partition 1 updated');
  });

  it('OnDelete waits for readiness only', () => {
    expect(rolloutVerdict(sts({ onDelete: true, updated: 0, updateRevision: 'db-2' })).verdict).toBe('ready');
  });
});

describe('DaemonSet and Job', () => {
  it('DaemonSet: updated = available = desired', () => {
    const ds = deployment({ kind: 'daemonsets', replicas: 0 });
    expect(rolloutVerdict(ds).verdict).toBe('ready');
    expect(rolloutVerdict({ ...ds, updated: 2 }).reason).toBe('2 of 3 scheduled pods updated');
    expect(rolloutVerdict({ ...ds, available: 1 }).reason).toBe('1 of 3 updated pods available');
  });

  it('Job: by its Complete and Failed conditions', () => {
    const job = deployment({ kind: 'jobs', desired: 1, updated: 0, ready: 1, available: 0 });
    expect(rolloutVerdict(job)).toEqual({ verdict: 'progressing', reason: '0 succeeded, 1 active' });
    expect(rolloutVerdict({ ...job, updated: 1, conditions: [{ type: 'Complete', status: 'True' }] })).toEqual({ verdict: 'ready', reason: 'Complete: 1 succeeded' });
    expect(rolloutVerdict({ ...job, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] })).toEqual({
      verdict: 'failed',
      reason: 'BackoffLimitExceeded: Job has reached the specified backoff limit',
    });
  });
});
