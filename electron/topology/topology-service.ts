/**
 * Builds each cluster's relation graph from its watch cache and streams it (issue 5). A cluster's
 * graph is shared by every watch of it and kept a little after the last one ends, so a view that
 * resubscribes (a reload, another cluster picked) gets its snapshot at once.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { topologyChannels } from '../../shared/api/channels/topology';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';
import { KubeHttpClient } from '../kube/http/kube-http-client';
import type { TopoLoad } from '../../shared/topology/graph';
import { ClusterTopology } from './cluster-topology';
import { MetricsPoller, METRICS_INTERVAL_MS } from './metrics-poller';
import { TopologyWatch } from './topology-watch';
import type { TrafficEdgeSource } from './traffic-source';

export interface TopologyServiceOptions {
  /** Credentials to poll metrics.k8s.io with; without it there is no load. */
  kubeConfigFor?: (context: string) => KubeConfig | { problem: string };
  traffic?: readonly TrafficEdgeSource[];
  flushMs?: number;
  metricsIntervalMs?: number;
  /** How long a cluster's graph outlives its last watch. */
  lingerMs?: number;
}

const LINGER_MS = 60_000;

export class TopologyService {
  private readonly topologies = new Map<string, { topology: ClusterTopology; release?: ReturnType<typeof setTimeout> }>();
  private readonly watches = new Set<TopologyWatch>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly options: TopologyServiceOptions = {},
  ) {}

  handlers(): Handlers<typeof topologyChannels> {
    return {
      'topology.watch': ({ clusters }, sink) => {
        const topologies = [...new Set(clusters)].map((cluster) => this.acquire(cluster));
        const watch = new TopologyWatch(topologies, sink, this.options.flushMs).start();
        this.watches.add(watch);
        return {
          dispose: () => {
            if (!this.watches.delete(watch)) return;
            watch.dispose();
            for (const topology of topologies) this.releaseLater(topology);
          },
        };
      },
    };
  }

  async dispose(): Promise<void> {
    for (const watch of this.watches) watch.dispose();
    this.watches.clear();
    for (const { topology, release } of this.topologies.values()) {
      if (release !== undefined) clearTimeout(release);
      topology.dispose();
    }
    this.topologies.clear();
  }

  private acquire(cluster: string): ClusterTopology {
    const held = this.topologies.get(cluster);
    if (held) {
      if (held.release !== undefined) clearTimeout(held.release);
      held.release = undefined;
      return held.topology;
    }
    const topology = new ClusterTopology(cluster, this.connections, {
      ...(this.options.traffic ? { traffic: this.options.traffic } : {}),
      startMetrics: (c, setLoads) => this.startMetrics(c, setLoads),
    }).start();
    this.topologies.set(cluster, { topology });
    return topology;
  }

  private releaseLater(topology: ClusterTopology): void {
    const held = this.topologies.get(topology.cluster);
    if (!held || held.topology !== topology || topology.watchers > 0 || held.release !== undefined) return;
    held.release = setTimeout(() => {
      held.release = undefined;
      if (topology.watchers > 0) return;
      this.topologies.delete(topology.cluster);
      topology.dispose();
    }, this.options.lingerMs ?? LINGER_MS);
  }

  private startMetrics(cluster: string, setLoads: (loads: ReadonlyArray<[string, TopoLoad | undefined]>) => void): (() => void) | undefined {
    const kubeConfig = this.options.kubeConfigFor?.(cluster);
    if (!kubeConfig || 'problem' in kubeConfig) return undefined;
    const poller = new MetricsPoller(
      new KubeHttpClient(kubeConfig, 2),
      () => this.connections.cache(cluster),
      setLoads,
      this.options.metricsIntervalMs ?? METRICS_INTERVAL_MS,
    ).start();
    return () => poller.dispose();
  }
}
