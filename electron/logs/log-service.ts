/** Follows logs across pods and containers and tracks rollouts (issue 6). */
import type { logsChannels } from '../../shared/api/channels/logs';
import type { Disposable } from '../../shared/api/define';
import type { ConnectionPhase } from '../../shared/model/cluster';
import { ApiError } from '../../shared/api/errors';
import type { Handlers } from '../api/api-host';
import type { ClusterCache } from '../kube/cache/cluster-cache';
import type { CacheRegistry } from '../kube/feed/resource-feed';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { DEFAULT_TUNING, FollowSession, type ClusterLogAccess, type FollowTuning } from './follow-session';
import { RolloutTracker } from './rollout-tracker';
import { StreamScheduler } from './stream-scheduler';

export const DEFAULT_STREAM_LIMIT = 50;

export interface LogServiceOptions {
  streamLimit?: number;
  tuning?: Partial<FollowTuning>;
  readinessGraceMs?: number;
}

export class LogService implements ClusterLogAccess {
  private readonly schedulers = new Map<string, StreamScheduler>();
  /** One pool per cluster for log streams, apart from the watch cache's, so streams never starve its watches. */
  private readonly pools = new Map<string, { cache: ClusterCache; client: KubeHttpClient }>();
  private readonly live = new Set<Disposable>();
  private limit: number;
  private readonly tuning: FollowTuning;
  private readonly offCache: () => void;

  constructor(
    private readonly connections: CacheRegistry & { status?(cluster: string): { phase: ConnectionPhase } | undefined },
    private readonly options: LogServiceOptions = {},
  ) {
    this.limit = options.streamLimit ?? DEFAULT_STREAM_LIMIT;
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.offCache = connections.onCacheChange((cluster) => {
      this.pools.get(cluster)?.client.close();
      this.pools.delete(cluster);
    });
  }

  handlers(): Handlers<typeof logsChannels> {
    return {
      'logs.follow': (options, sink) => {
        for (const s of options.selectors) {
          // A follow opened while its cluster connects starts when the cache arrives (the session
          // attaches to caches as they appear), so "Logs" right after "Connect" just works.
          const waiting = this.connections.status?.(s.cluster)?.phase === 'connecting';
          if (!this.connections.cache(s.cluster) && !waiting) throw new ApiError({ code: 'unavailable', message: `cluster "${s.cluster}" is not connected` });
        }
        return this.track(new FollowSession(this.connections, this, options, sink, this.tuning).start());
      },
      'logs.rollout': (params, sink) => this.track(new RolloutTracker(this.connections, params, sink, this.options.readinessGraceMs).start()),
      'logs.setLimit': ({ limit }) => this.setLimit(limit),
    };
  }

  setLimit(limit: number): { limit: number } {
    this.limit = limit;
    for (const scheduler of this.schedulers.values()) scheduler.setLimit(limit);
    return { limit };
  }

  scheduler(cluster: string): StreamScheduler {
    let scheduler = this.schedulers.get(cluster);
    if (!scheduler) {
      scheduler = new StreamScheduler(this.limit);
      this.schedulers.set(cluster, scheduler);
    }
    return scheduler;
  }

  client(cluster: string): KubeHttpClient | undefined {
    const cache = this.connections.cache(cluster);
    if (!cache) return undefined;
    const pool = this.pools.get(cluster);
    if (pool?.cache === cache) return pool.client;
    pool?.client.close();
    // Each stream holds a connection; a few more for the pod reads and one-shot fetches beside them.
    const client = cache.client.withOwnPool(this.limit + 16);
    this.pools.set(cluster, { cache, client });
    return client;
  }

  async dispose(): Promise<void> {
    this.offCache();
    for (const d of this.live) d.dispose();
    this.live.clear();
    for (const { client } of this.pools.values()) client.close();
    this.pools.clear();
  }

  private track(d: Disposable): Disposable {
    this.live.add(d);
    return {
      dispose: () => {
        this.live.delete(d);
        d.dispose();
      },
    };
  }
}
