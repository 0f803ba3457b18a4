/**
 * One `logs.rollout` subscription: the live state of a Deployment, StatefulSet, DaemonSet or Job and
 * its verdict by kubedog's rules (`shared/logs/rollout-verdict.ts`), from the watch cache — the
 * workload's row, its pods and their events — plus the workload object itself, read again from the
 * API server whenever its row changes (rows keep no generation numbers, partitions or revisions).
 */
import type { Disposable } from '../../shared/api/define';
import { ApiError } from '../../shared/api/errors';
import { rolloutVerdict, type RolloutEventInput, type RolloutInput } from '../../shared/logs/rollout-verdict';
import type { RolloutPodState, RolloutStatus } from '../../shared/model/logs';
import type { Json } from '../../shared/model/project-row';
import type { EventRow, PodRow, ResourceRow } from '../../shared/model/rows';
import type { StreamSink } from '../api/stream-sink';
import type { ClusterCache, RowChange } from '../kube/cache/cluster-cache';
import type { CacheRegistry } from '../kube/feed/resource-feed';
import { KubeApiError } from '../kube/http/kube-api-error';

export interface RolloutParams {
  cluster: string;
  namespace: string;
  kind: RolloutStatus['kind'];
  name: string;
}

const OWNER_KIND = { deployments: 'Deployment', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', jobs: 'Job' } as const;
const RECOMPUTE_MS = 100;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class RolloutTracker implements Disposable {
  private cache: ClusterCache | undefined;
  private detach: (() => void) | undefined;
  private offRegistry: (() => void) | undefined;
  private object: Json | undefined;
  private objectRv: string | undefined;
  private fetching = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = '';
  private disposed = false;

  constructor(
    private readonly registry: CacheRegistry,
    private readonly params: RolloutParams,
    private readonly sink: StreamSink<RolloutStatus>,
    private readonly readinessGraceMs?: number,
  ) {}

  start(): this {
    const cache = this.registry.cache(this.params.cluster);
    if (!cache) throw new ApiError({ code: 'unavailable', message: `cluster "${this.params.cluster}" is not connected` });
    this.attach(cache);
    this.offRegistry = this.registry.onCacheChange((cluster, next) => {
      if (cluster !== this.params.cluster) return;
      this.detach?.();
      this.detach = undefined;
      this.cache = undefined;
      if (next) this.attach(next);
    });
    return this;
  }

  dispose(): void {
    this.disposed = true;
    this.detach?.();
    this.offRegistry?.();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private attach(cache: ClusterCache): void {
    this.cache = cache;
    this.detach = cache.subscribe((changes) => {
      if (changes.some((c) => this.relevant(c))) this.schedule();
    });
    this.schedule();
  }

  private relevant(change: RowChange): boolean {
    const kind = change.type === 'upsert' ? change.row.kind : change.kind;
    if (!['pods', 'replicasets', 'events', this.params.kind].includes(kind)) return false;
    return change.type === 'delete' || change.row.namespace === this.params.namespace;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, RECOMPUTE_MS);
  }

  private async update(): Promise<void> {
    const cache = this.cache;
    if (!cache || this.disposed) return;
    const { kind, namespace, name } = this.params;
    const row = cache.get(kind, namespace, name);
    if (!row) {
      const synced = cache.status().some((k) => k.kind === kind && k.synced && (!k.namespace || k.namespace === namespace));
      if (synced) this.sink.end(new ApiError({ code: 'not-found', message: `${OWNER_KIND[kind]} ${namespace}/${name} not found in cluster "${this.params.cluster}"` }));
      return;
    }
    if (row.rv !== this.objectRv) {
      if (this.fetching) return;
      this.fetching = true;
      try {
        this.object = await cache.fetchObject(kind, namespace, name);
        this.objectRv = str(obj(this.object.metadata).resourceVersion) ?? row.rv;
      } catch (err) {
        if (err instanceof KubeApiError && err.statusCode === 404) return this.schedule();
        this.sink.end(new ApiError({ code: 'unavailable', message: `reading ${OWNER_KIND[kind]} ${namespace}/${name}: ${err instanceof Error ? err.message : String(err)}` }));
        return;
      } finally {
        this.fetching = false;
      }
      // The row may have moved on while the object was read.
      if (cache.get(kind, namespace, name)?.rv !== this.objectRv) this.schedule();
    }
    if (this.disposed || !this.object) return;
    const status = computeRollout(this.params, this.object, cache, this.readinessGraceMs);
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    this.sink.set(status);
  }
}

/** The rollout's state from the workload object and the cache's pods and events. */
export function computeRollout(params: RolloutParams, object: Json, cache: ClusterCache, readinessGraceMs?: number): RolloutStatus {
  const { kind, namespace, name } = params;
  const meta = obj(object.metadata);
  const spec = obj(object.spec);
  const status = obj(object.status);
  const generation = num(meta.generation, 1);
  const inNs = (kinds: Array<'pods' | 'replicasets' | 'events'>) => [...cache.list(kinds)].filter((r) => r.namespace === namespace);
  const ownedBy = (r: ResourceRow, ownerKind: string, ownerName: string) => r.owners?.some((o) => o.kind === ownerKind && o.name === ownerName) ?? false;

  let pods: PodRow[];
  const involved = new Set<string>([`${OWNER_KIND[kind]}/${name}`]);
  let revisionStart = '';
  if (kind === 'deployments') {
    const images = JSON.stringify(cache.get('deployments', namespace, name)?.kind === 'deployments' ? (cache.get('deployments', namespace, name) as { images: string[] }).images : []);
    const sets = inNs(['replicasets']).filter((r) => ownedBy(r, 'Deployment', name)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    // The new ReplicaSet runs the Deployment's template: the newest one with its images.
    const current = sets.find((r) => r.kind === 'replicasets' && JSON.stringify(r.images) === images) ?? sets[0];
    pods = current ? inNs(['pods']).filter((p): p is PodRow => p.kind === 'pods' && ownedBy(p, 'ReplicaSet', current.name)) : [];
    if (current) {
      involved.add(`ReplicaSet/${current.name}`);
      revisionStart = current.createdAt;
    }
  } else {
    pods = inNs(['pods']).filter((p): p is PodRow => p.kind === 'pods' && ownedBy(p, OWNER_KIND[kind], name));
    const updateRevision = str(status.updateRevision);
    if (kind === 'statefulsets' && updateRevision) pods = pods.filter((p) => p.labels?.['controller-revision-hash'] === updateRevision);
    if (kind === 'daemonsets') pods = pods.filter((p) => (p.labels?.['pod-template-generation'] ?? String(generation)) === String(generation));
    revisionStart = pods.map((p) => p.createdAt).sort()[0] ?? '';
  }
  for (const p of pods) involved.add(`Pod/${p.name}`);

  const events: RolloutEventInput[] = inNs(['events'])
    .filter((e): e is EventRow => e.kind === 'events' && involved.has(`${e.involved.kind}/${e.involved.name}`))
    .filter((e) => e.involved.kind === 'Pod' || e.lastSeen >= revisionStart)
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, involved: `${e.involved.kind}/${e.involved.name}`, lastSeen: e.lastSeen }));

  const conditions = (Array.isArray(status.conditions) ? (status.conditions as Json[]) : []).map((c) => ({
    type: str(c.type) ?? '',
    status: str(c.status) ?? '',
    ...(str(c.reason) ? { reason: str(c.reason) } : {}),
    ...(str(c.message) ? { message: str(c.message) } : {}),
  }));
  const counts = countsOf(kind, spec, status, generation);
  const strategy = obj(spec.updateStrategy);
  const partition = num(obj(strategy.rollingUpdate).partition, 0);
  const input: RolloutInput = {
    kind,
    ...counts,
    conditions,
    ...(kind === 'statefulsets'
      ? {
          ...(partition > 0 ? { partition } : {}),
          ...(strategy.type === 'OnDelete' ? { onDelete: true } : {}),
          ...(str(status.currentRevision) ? { currentRevision: str(status.currentRevision) } : {}),
          ...(str(status.updateRevision) ? { updateRevision: str(status.updateRevision) } : {}),
        }
      : {}),
    pods: pods.map((p) => ({
      name: p.name,
      phase: p.phase,
      ready: p.readyContainers === p.totalContainers && p.totalContainers > 0,
      createdAt: p.createdAt,
      ...(p.deleting ? { deleting: true } : {}),
      containers: p.containers.map((c) => ({ name: c.name, image: c.image, state: c.state, ready: c.ready, restarts: c.restarts, ...(c.reason ? { reason: c.reason } : {}) })),
    })),
    events,
    ...(readinessGraceMs !== undefined ? { readinessGraceMs } : {}),
  };
  const judgement = rolloutVerdict(input);
  return {
    cluster: params.cluster,
    namespace,
    kind,
    name,
    generation: counts.generation,
    observedGeneration: counts.observedGeneration,
    desired: counts.desired,
    updated: counts.updated,
    ready: counts.ready,
    available: counts.available,
    pods: pods.map(podState).sort((a, b) => a.name.localeCompare(b.name)),
    verdict: judgement.verdict,
    ...(judgement.reason ? { reason: judgement.reason } : {}),
  };
}

function countsOf(kind: RolloutStatus['kind'], spec: Json, status: Json, generation: number) {
  switch (kind) {
    case 'daemonsets':
      return {
        generation,
        observedGeneration: num(status.observedGeneration),
        desired: num(status.desiredNumberScheduled),
        replicas: num(status.currentNumberScheduled),
        updated: num(status.updatedNumberScheduled),
        ready: num(status.numberReady),
        available: num(status.numberAvailable),
      };
    case 'jobs':
      // Jobs have no observedGeneration: their status is always about the one template they have.
      return { generation, observedGeneration: generation, desired: num(spec.completions, 1), replicas: 0, updated: num(status.succeeded), ready: num(status.active), available: num(status.succeeded) };
    default:
      return {
        generation,
        observedGeneration: num(status.observedGeneration),
        desired: num(spec.replicas, 1),
        replicas: num(status.replicas),
        updated: num(status.updatedReplicas),
        ready: num(status.readyReplicas),
        available: kind === 'statefulsets' ? num(status.availableReplicas, num(status.readyReplicas)) : num(status.availableReplicas),
      };
  }
}

function podState(p: PodRow): RolloutPodState {
  const reason = p.containers.find((c) => c.reason)?.reason ?? (p.status !== 'Running' ? p.status : undefined);
  return {
    name: p.name,
    phase: p.phase,
    ready: p.readyContainers === p.totalContainers && p.totalContainers > 0,
    restarts: p.restarts,
    ...(reason ? { reason } : {}),
  };
}
