import type { KubeObject, StoreEvent } from '../core/types';
import { clone, controllerRef, keyOf, ownerReference, realDelay, same, splitKey, type Controller, type ControllerContext } from './controller-context';
import { newRsReplicas, scaleDownOld, surgeAndUnavailable, type RsView } from './deployment-rollout';
import type { LabelSelector } from './selectors';
import { computeHash } from './template-hash';
import { formatTime } from './time-format';
import { WorkQueue } from './work-queue';

const SOURCE = { component: 'deployment-controller', manager: 'kube-controller-manager' };
const WRITE = { manager: 'kube-controller-manager' };
const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
/** Deployment annotations the controller does not copy onto its ReplicaSets. */
const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', DESIRED, MAX, 'deprecated.deployment.rollback.to']);

interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

interface Condition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Deployment → ReplicaSets: template hashing, revisions, rolling/recreate updates, history, status. */
export class DeploymentController implements Controller {
  readonly name = 'deployment';
  private readonly queue = new WorkQueue(this.name, (k) => this.reconcile(k));

  constructor(private readonly ctx: ControllerContext) {}

  onEvent(e: StoreEvent): void {
    if (e.resource === 'apps/deployments') this.queue.add(keyOf(e.object));
    else if (e.resource === 'apps/replicasets') {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'Deployment') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    }
  }

  resync(): void {
    for (const d of this.ctx.store.list('apps/deployments')) this.queue.add(keyOf(d));
  }

  stop(): void {
    this.queue.stop();
  }

  private reconcile(key: string): void {
    const { store, index } = this.ctx;
    const { namespace, name } = splitKey(key);
    const d = store.get('apps/deployments', namespace, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = d.spec as DeploymentSpec;
    const desired = spec.replicas ?? 1;
    // Frozen store objects: every write goes through a copy (`scale`, the revision bump).
    const owned = [...index.owned('apps/replicasets', d.metadata.uid)];
    const hash = computeHash(spec.template ?? {});
    let newRs = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    const { maxSurge, maxUnavailable } = surgeAndUnavailable(spec.strategy, desired);
    const recreate = spec.strategy?.type === 'Recreate';
    let createdNew = false;

    if (!newRs && !spec.paused) {
      newRs = this.createReplicaSet(d, spec, hash, maxRevision + 1, desired, maxSurge, owned.length === 0 && !recreate ? desired : 0);
      owned.push(newRs);
      createdNew = true;
    } else if (newRs && revisionOf(newRs) < maxRevision) {
      // Rolling back to an older template makes its ReplicaSet the newest revision again.
      const bumped = clone(newRs);
      bumped.metadata.annotations = { ...bumped.metadata.annotations, [REVISION]: String(maxRevision + 1) };
      const previous = newRs;
      newRs = store.update('apps/replicasets', bumped, WRITE);
      owned[owned.indexOf(previous)] = newRs;
    }
    const old = owned.filter((rs) => rs.metadata.uid !== newRs?.metadata.uid);
    if (newRs && !spec.paused) {
      if (recreate) this.recreate(d, desired, maxSurge, newRs, old);
      else this.rollingUpdate(d, desired, maxSurge, maxUnavailable, newRs, old);
    } else if (newRs && spec.paused) {
      this.scale(d, newRs, desired, desired + maxSurge);
    }
    this.cleanupHistory(spec, newRs, old);
    this.syncDeployment(d, spec, desired, maxUnavailable, newRs, createdNew, key);
  }

  private createReplicaSet(d: KubeObject, spec: DeploymentSpec, hash: string, revision: number, desired: number, maxSurge: number, replicas: number): KubeObject {
    const { store, events } = this.ctx;
    const template = clone(spec.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } };
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) annotations[k] = v;
    annotations[DESIRED] = String(desired);
    annotations[MAX] = String(desired + maxSurge);
    annotations[REVISION] = String(revision);
    const rs = store.create(
      'apps/replicasets',
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          labels: { ...template.metadata.labels },
          annotations,
          ownerReferences: [ownerReference(d)],
        } as KubeObject['metadata'],
        spec: {
          replicas,
          ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
          selector: { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, 'pod-template-hash': hash } },
          template,
        },
      },
      WRITE,
    );
    if (replicas > 0) events.record(SOURCE, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to ${replicas}`);
    return rs;
  }

  private rollingUpdate(d: KubeObject, desired: number, maxSurge: number, maxUnavailable: number, newRs: KubeObject, old: KubeObject[]): void {
    const views = [newRs, ...old].map(view);
    const newView = views[0]!;
    const target = newRsReplicas(desired, maxSurge, views, newView);
    if (target !== newView.replicas) {
      this.scale(d, newRs, target, desired + maxSurge);
      newView.replicas = target;
    }
    const oldSizes = scaleDownOld(desired, maxUnavailable, views, newView, views.slice(1));
    for (const rs of old) {
      const size = oldSizes.get(rs.metadata.name);
      if (size !== undefined && size !== replicasOf(rs)) this.scale(d, rs, size, desired + maxSurge);
    }
  }

  private recreate(d: KubeObject, desired: number, maxSurge: number, newRs: KubeObject, old: KubeObject[]): void {
    const { index } = this.ctx;
    for (const rs of old) if (replicasOf(rs) > 0) this.scale(d, rs, 0, desired + maxSurge);
    const oldPodsLeft = old.some((rs) => index.owned('pods', rs.metadata.uid).length > 0);
    if (!oldPodsLeft && replicasOf(newRs) !== desired) this.scale(d, newRs, desired, desired + maxSurge);
  }

  /** Writes the new size (and the desired/max annotations); returns the stored ReplicaSet. */
  private scale(d: KubeObject, rs: KubeObject, replicas: number, maxReplicas: number): KubeObject {
    const { store, events } = this.ctx;
    const from = replicasOf(rs);
    const desired = (d.spec as DeploymentSpec).replicas ?? 1;
    const next = clone(rs);
    (next.spec as { replicas: number }).replicas = replicas;
    next.metadata.annotations = { ...next.metadata.annotations, [DESIRED]: String(desired), [MAX]: String(maxReplicas) };
    const written = store.update('apps/replicasets', next, WRITE);
    if (from === replicas) return written;
    const direction = replicas > from ? 'up' : 'down';
    const suffix = from === 0 ? '' : ` from ${from}`;
    events.record(SOURCE, d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} to ${replicas}${suffix}`);
    return written;
  }

  private cleanupHistory(spec: DeploymentSpec, newRs: KubeObject | undefined, old: KubeObject[]): void {
    const limit = spec.revisionHistoryLimit ?? 10;
    const idle = old
      .filter((rs) => rs !== newRs && replicasOf(rs) === 0 && ((rs.status as { replicas?: number } | undefined)?.replicas ?? 0) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.ctx.store.delete('apps/replicasets', rs.metadata.namespace, rs.metadata.name, WRITE);
    }
  }

  private syncDeployment(d: KubeObject, spec: DeploymentSpec, desired: number, maxUnavailable: number, newRs: KubeObject | undefined, createdNew: boolean, key: string): void {
    const { store, index } = this.ctx;
    const all = index.owned('apps/replicasets', d.metadata.uid);
    const st = (rs: KubeObject) => (rs.status ?? {}) as { replicas?: number; readyReplicas?: number; availableReplicas?: number };
    const replicas = all.reduce((n, rs) => n + (st(rs).replicas ?? 0), 0);
    const ready = all.reduce((n, rs) => n + (st(rs).readyReplicas ?? 0), 0);
    const available = all.reduce((n, rs) => n + (st(rs).availableReplicas ?? 0), 0);
    const specTotal = all.reduce((n, rs) => n + replicasOf(rs), 0);
    const liveNew = newRs ? (all.find((rs) => rs.metadata.uid === newRs.metadata.uid) ?? newRs) : undefined;
    const updated = liveNew ? (st(liveNew).replicas ?? 0) : 0;
    const now = formatTime(store.clock.now());
    const prevStatus = (d.status ?? {}) as { conditions?: Condition[]; observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number };
    const conditions = clone(prevStatus.conditions ?? []);
    const setCondition = (type: string, status: string, reason: string, message: string, touch: boolean) => {
      const existing = conditions.find((c) => c.type === type);
      if (existing && existing.status === status && existing.reason === reason && existing.message === message) {
        if (touch) existing.lastUpdateTime = now;
        return;
      }
      const next: Condition = { type, status, lastUpdateTime: now, lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : now, reason, message };
      if (existing) Object.assign(existing, next);
      else conditions.push(next);
    };

    if (available >= desired - maxUnavailable) setCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', false);
    else setCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', false);

    const rsName = liveNew?.metadata.name ?? '';
    const complete = liveNew !== undefined && updated === desired && replicas === desired && available === desired && (st(liveNew).availableReplicas ?? 0) === desired;
    const deadline = spec.progressDeadlineSeconds ?? 600;
    const progressing = conditions.find((c) => c.type === 'Progressing');
    if (spec.paused) {
      setCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', false);
    } else if (complete) {
      setCondition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, false);
    } else if (createdNew) {
      setCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, true);
    } else if (liveNew) {
      // Zero counts are omitted from the stored status, as the API server does: absent means 0.
      const progressed = (prevStatus.updatedReplicas ?? 0) !== updated || (prevStatus.availableReplicas ?? 0) !== available || (prevStatus.replicas ?? 0) !== replicas;
      const lastUpdate = progressing ? Date.parse(progressing.lastUpdateTime) : store.clock.now().getTime();
      const timedOut = progressing?.reason === 'ProgressDeadlineExceeded' || (!progressed && store.clock.now().getTime() - lastUpdate > deadline * 1000);
      if (timedOut && !progressed) {
        setCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, false);
      } else {
        const wasFound = progressing?.reason === 'ReplicaSetUpdated' || progressing?.reason === 'NewReplicaSetCreated' || progressing?.reason === 'FoundNewReplicaSet';
        if (progressed || !wasFound) setCondition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, true);
        const since = Date.parse(conditions.find((c) => c.type === 'Progressing')!.lastUpdateTime);
        const remaining = since + deadline * 1000 - store.clock.now().getTime();
        this.queue.addAfter(key, realDelay(store, Math.max(remaining, 0) + 1000));
      }
    }
    // The API keeps Available before Progressing, as the controller first sets them.
    conditions.sort((a, b) => order(a.type) - order(b.type));

    const status: Record<string, unknown> = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      ...(specTotal - available > 0 ? { unavailableReplicas: specTotal - available } : {}),
      conditions,
    };
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (status[k] === 0) delete status[k];
    const revision = liveNew?.metadata.annotations?.[REVISION];
    if (revision && d.metadata.annotations?.[REVISION] !== revision) {
      const next = clone(d);
      next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: revision };
      Object.assign(d, store.update('apps/deployments', next, WRITE));
    }
    if (!same(status, d.status)) store.updateStatus('apps/deployments', { ...d, status }, WRITE);
  }
}

function order(type: string): number {
  return type === 'Available' ? 0 : type === 'Progressing' ? 1 : 2;
}

function replicasOf(rs: KubeObject): number {
  return (rs.spec as { replicas?: number }).replicas ?? 0;
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

function view(rs: KubeObject): RsView {
  return {
    name: rs.metadata.name,
    replicas: replicasOf(rs),
    available: (rs.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0,
    created: rs.metadata.creationTimestamp,
  };
}
