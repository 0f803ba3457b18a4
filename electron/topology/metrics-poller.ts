/**
 * Pod and node usage from metrics.k8s.io, as load: a pod's use as a fraction of what it requests, a
 * node's of what it can allocate. Polled only while a topology is watched; a cluster without
 * metrics (404), or a user not allowed to read them, simply has no load — never an error.
 */
import { cpuMillis, bytes } from '../../shared/model/quantity';
import type { NodeRow, PodRow } from '../../shared/model/rows';
import type { TopoLoad } from '../../shared/topology/graph';
import type { ClusterCache } from '../kube/cache/cluster-cache';
import type { KubeHttpClient } from '../kube/http/kube-http-client';

type Load = TopoLoad;

interface Usage {
  cpu?: string;
  memory?: string;
}
interface MetricsList<T> {
  items?: T[];
}
type PodMetrics = { metadata?: { name?: string; namespace?: string }; containers?: Array<{ usage?: Usage }> };
type NodeMetrics = { metadata?: { name?: string }; usage?: Usage };

export const METRICS_INTERVAL_MS = 15_000;
const BASE = '/apis/metrics.k8s.io/v1beta1';

export class MetricsPoller {
  private readonly abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loaded = new Set<string>();

  constructor(
    private readonly client: KubeHttpClient,
    private readonly cache: () => ClusterCache | undefined,
    private readonly apply: (loads: ReadonlyArray<[string, Load | undefined]>) => void,
    private readonly intervalMs = METRICS_INTERVAL_MS,
  ) {}

  start(): this {
    void this.poll();
    return this;
  }

  dispose(): void {
    this.abort.abort();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.client.close();
  }

  private async poll(): Promise<void> {
    const [pods, nodes] = await Promise.all([this.list<PodMetrics>('pods'), this.list<NodeMetrics>('nodes')]);
    if (this.abort.signal.aborted) return;
    const cache = this.cache();
    const next = new Map<string, Load>();
    if (cache) {
      for (const m of pods) {
        const row = cache.get('pods', m.metadata?.namespace, m.metadata?.name ?? '') as PodRow | undefined;
        if (!row) continue;
        let cpu = 0;
        let memory = 0;
        for (const c of m.containers ?? []) {
          cpu += cpuMillis(c.usage?.cpu);
          memory += bytes(c.usage?.memory);
        }
        this.set(next, row.key, fraction(cpu, row.requests.cpuMillis), fraction(memory, row.requests.memoryBytes));
      }
      for (const m of nodes) {
        const row = cache.get('nodes', undefined, m.metadata?.name ?? '') as NodeRow | undefined;
        if (!row) continue;
        this.set(next, row.key, fraction(cpuMillis(m.usage?.cpu), row.allocatable.cpuMillis), fraction(bytes(m.usage?.memory), row.allocatable.memoryBytes));
      }
    }
    const loads: Array<[string, Load | undefined]> = [...next];
    for (const id of this.loaded) if (!next.has(id)) loads.push([id, undefined]);
    this.loaded = new Set(next.keys());
    this.apply(loads);
    this.timer = setTimeout(() => void this.poll(), this.intervalMs);
  }

  private set(into: Map<string, Load>, id: string, cpu: number | undefined, memory: number | undefined): void {
    if (cpu === undefined && memory === undefined) return;
    into.set(id, { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) });
  }

  private async list<T>(resource: 'pods' | 'nodes'): Promise<T[]> {
    try {
      const list = await this.client.json<MetricsList<T>>(`${BASE}/${resource}`, { signal: this.abort.signal });
      return list.items ?? [];
    } catch {
      return []; // not served, not permitted, or unreachable for now: no load until it answers
    }
  }
}

/** Use over request; a pod without a request has no meaningful fraction. */
function fraction(used: number, of: number): number | undefined {
  return of > 0 ? used / of : undefined;
}
