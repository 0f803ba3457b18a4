/**
 * The watch cache of one connected cluster: one informer per kind and scope (cluster-wide where the
 * user may list and watch everywhere, else one per permitted namespace), holding rows — the compact
 * projection every view works from — instead of objects: managedFields, annotations and specs are
 * dropped at the door. Full objects are fetched from the API on demand, so the cache stays small at
 * 10k+ pods, and configmaps and secrets are watched as metadata only, so their values never enter it.
 */
import { kindInfo, type KindId } from '../../../shared/model/kinds';
import { projectRow, type Json } from '../../../shared/model/project-row';
import { rowKey, type ResourceRow } from '../../../shared/model/rows';
import type { KubeHttpClient } from '../http/kube-http-client';
import { KindInformer, type InformerChange, type InformerOptions, type InformerState } from './kind-informer';
import { ListSlots } from './list-slots';

/** LISTs run a few at a time, in this order: what the first views show first, events last. */
const LIST_ORDER: readonly KindId[] = [
  'pods', 'nodes', 'namespaces', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs',
  'services', 'endpointslices', 'ingresses', 'networkpolicies', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events',
];
const CONCURRENT_LISTS = 2;
/**
 * Events outnumber pods five to one on a freshly deployed cluster and expire on the server within
 * the hour anyway: the cache keeps the newest of them only. An object's full history is fetched on
 * demand (by involvedObject field selector) where it is shown.
 */
const EVENT_WINDOW = 5_000;

export type RowChange = { type: 'upsert'; row: ResourceRow } | { type: 'delete'; key: string; kind: KindId };

/** Where a kind is watched: everywhere, or in these namespaces only. */
export type KindScope = { kind: KindId; namespaces: 'all' | string[] };

export interface KindStatus {
  kind: KindId;
  namespace?: string;
  state: InformerState;
  synced: boolean;
}

export class ClusterCache {
  private readonly rows = new Map<KindId, Map<string, ResourceRow>>();
  private readonly informers: Array<{ informer: KindInformer; kind: KindId; namespace?: string; state: InformerState }> = [];
  private readonly listeners = new Set<(changes: RowChange[]) => void>();
  private readonly statusListeners = new Set<() => void>();

  constructor(
    readonly cluster: string,
    /** The connection's authenticated client (closed with the cache). */
    readonly client: KubeHttpClient,
    scopes: KindScope[],
    informerOptions: InformerOptions = {},
    private readonly eventWindow = EVENT_WINDOW,
  ) {
    const options = { ...informerOptions, listSlots: informerOptions.listSlots ?? new ListSlots(CONCURRENT_LISTS) };
    for (const scope of scopes) {
      this.rows.set(scope.kind, new Map());
      const namespaces = scope.namespaces === 'all' ? [undefined] : scope.namespaces;
      for (const namespace of namespaces) {
        const entry = { kind: scope.kind, namespace, state: { phase: 'listing' } as InformerState, informer: undefined as unknown as KindInformer };
        entry.informer = new KindInformer(
          client,
          kindInfo(scope.kind),
          namespace,
          {
            changes: (changes) => this.apply(scope.kind, changes),
            synced: () => this.notifyStatus(),
            state: (state) => {
              entry.state = state;
              this.notifyStatus();
            },
          },
          options,
        );
        this.informers.push(entry);
      }
    }
  }

  start(): void {
    // Informers queue for list slots in the order they start.
    const rank = (kind: KindId) => {
      const i = LIST_ORDER.indexOf(kind);
      return i < 0 ? LIST_ORDER.length : i;
    };
    for (const { informer } of [...this.informers].sort((a, b) => rank(a.kind) - rank(b.kind))) informer.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.informers.map(({ informer }) => informer.stop()));
    this.client.close();
    this.listeners.clear();
    this.statusListeners.clear();
  }

  get synced(): boolean {
    return this.informers.every(({ informer }) => informer.synced);
  }

  status(): KindStatus[] {
    return this.informers.map(({ informer, kind, namespace, state }) => ({
      kind,
      ...(namespace ? { namespace } : {}),
      state,
      synced: informer.synced,
    }));
  }

  /** Every cached row of these kinds (all kinds when omitted). */
  *list(kinds?: readonly KindId[]): Iterable<ResourceRow> {
    for (const kind of kinds ?? this.rows.keys()) {
      const rows = this.rows.get(kind);
      if (rows) yield* rows.values();
    }
  }

  get(kind: KindId, namespace: string | undefined, name: string): ResourceRow | undefined {
    return this.rows.get(kind)?.get(rowKey(this.cluster, kind, namespace, name));
  }

  count(kind: KindId): number {
    return this.rows.get(kind)?.size ?? 0;
  }

  /** The whole object, fresh from the API server (the cache keeps rows only). */
  async fetchObject(kind: KindId, namespace: string | undefined, name: string): Promise<Json> {
    const info = kindInfo(kind);
    const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
    const scope = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return this.client.json<Json>(`${base}${scope}/${info.plural}/${encodeURIComponent(name)}`);
  }

  subscribe(listener: (changes: RowChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private apply(kind: KindId, changes: InformerChange[]): void {
    const rows = this.rows.get(kind)!;
    const out: RowChange[] = [];
    for (const change of changes) {
      const [namespace, name] = splitKey(change.key);
      const key = rowKey(this.cluster, kind, namespace, name);
      if (change.type === 'delete') {
        if (rows.delete(key)) out.push({ type: 'delete', key, kind });
        continue;
      }
      const row = projectRow(this.cluster, kind, change.object);
      rows.set(key, row);
      out.push({ type: 'upsert', row });
    }
    // Trim with some slack so a busy cluster sorts its events now and then, not on every event.
    if (kind === 'events' && rows.size > this.eventWindow * 1.1) this.trimEvents(rows, out);
    if (out.length === 0) return;
    for (const listener of this.listeners) listener(out);
  }

  private trimEvents(rows: Map<string, ResourceRow>, out: RowChange[]): void {
    const byAge = [...rows.values()].sort((a, b) => lastSeen(a).localeCompare(lastSeen(b)));
    const evicted = new Set<string>();
    for (const row of byAge.slice(0, rows.size - this.eventWindow)) {
      rows.delete(row.key);
      evicted.add(row.key);
    }
    // Upserts of evicted events in this batch are dropped; feeds ignore deletes of rows they never had.
    const kept = out.filter((c) => !(c.type === 'upsert' && evicted.has(c.row.key)));
    out.splice(0, out.length, ...kept);
    for (const key of evicted) out.push({ type: 'delete', key, kind: 'events' });
  }

  private notifyStatus(): void {
    for (const listener of this.statusListeners) listener();
  }
}

function splitKey(key: string): [string | undefined, string] {
  const slash = key.indexOf('/');
  const namespace = key.slice(0, slash);
  return [namespace || undefined, key.slice(slash + 1)];
}

function lastSeen(row: ResourceRow): string {
  return row.kind === 'events' ? row.lastSeen : row.createdAt;
}
