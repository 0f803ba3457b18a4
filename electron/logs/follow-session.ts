/**
 * One `logs.follow` subscription: resolves its selectors against each cluster's watch cache, keeps a
 * stream per container instance (a restart starts a new one; a deleted pod's streams end with a
 * marker), interleaves the followed objects' events, and hands everything to the renderer in order
 * with backpressure — when the renderer falls behind, the sockets stop being read (the kubelet keeps
 * the lines), and should a bound still be passed, what is dropped is counted and said.
 */
import type { Disposable } from '../../shared/api/define';
import type { LogFeedEvent, LogFollowOptions, LogLine, LogMarkerKind, LogStreamInfo } from '../../shared/model/logs';
import type { ContainerRow, EventRow, PodRow, ResourceRow } from '../../shared/model/rows';
import type { StreamSink } from '../api/stream-sink';
import { FeedOutbox, type OutboxTuning } from './feed-outbox';
import type { ClusterCache, RowChange } from '../kube/cache/cluster-cache';
import type { CacheRegistry } from '../kube/feed/resource-feed';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import type { RawLine } from './log-cursor';
import { InstanceStream, type InstanceStart, type InstanceStreamOptions } from './instance-stream';
import { PRIORITY, type Priority, type StreamScheduler } from './stream-scheduler';
import { TargetResolver } from './target-resolver';

export interface ClusterLogAccess {
  scheduler(cluster: string): StreamScheduler;
  /** The cluster's client for log streams (its own connection pool), while connected. */
  client(cluster: string): KubeHttpClient | undefined;
}

export type FollowTuning = InstanceStreamOptions & OutboxTuning;

export const DEFAULT_TUNING: FollowTuning = {
  reconnectAfterMs: 60 * 60_000,
  idleTimeoutMs: 5 * 60_000,
  flushMs: 20,
  pauseAtBacklog: 24,
  maxBufferedLines: 200_000,
};

const INITIAL_EVENTS = 200;
const MAX_REMEMBERED_EVENTS = 10_000;

interface ContainerTrack {
  instance: number;
  stream: InstanceStream;
  info: LogStreamInfo;
  done: boolean;
}

interface PodTrack {
  row: PodRow;
  existing: boolean;
  containers: Map<string, ContainerTrack>;
}

interface ClusterState {
  cluster: string;
  resolver: TargetResolver;
  cache: ClusterCache | undefined;
  detach: (() => void) | undefined;
  pods: Map<string, PodTrack>;
  /** ReplicaSets and Jobs seen, so a new one re-checks the pods it owns. */
  owners: Set<string>;
  capacity: string;
  /** The pods informer has listed once: pods arriving after that are new and start from their beginning. */
  synced: boolean;
  /** Followed pods and their owners, for matching events; rebuilt when the pods change. */
  involved: { pods: Set<string>; owners: Set<string> } | undefined;
}

export class FollowSession implements Disposable {
  private readonly clusters = new Map<string, ClusterState>();
  private readonly containerInclude: RegExp | undefined;
  private readonly containerExclude: RegExp | undefined;
  /** Streams not yet over, with their cluster. */
  private readonly streams = new Map<InstanceStream, string>();
  private readonly sentEvents = new Map<string, string>();
  private readonly outbox: FeedOutbox;
  private nextStreamId = 1;
  private disposed = false;
  private readonly offs: Array<() => void> = [];
  private lastTs = '';

  constructor(
    private readonly registry: CacheRegistry,
    private readonly access: ClusterLogAccess,
    private readonly options: LogFollowOptions,
    private readonly sink: StreamSink<LogFeedEvent>,
    private readonly tuning: FollowTuning = DEFAULT_TUNING,
  ) {
    this.outbox = new FeedOutbox(sink, tuning, (paused) => this.setPaused(paused), () => this.updateCapacity());
    this.containerInclude = options.container ? new RegExp(options.container) : undefined;
    this.containerExclude = options.excludeContainer ? new RegExp(options.excludeContainer) : undefined;
    const byCluster = new Map<string, LogFollowOptions['selectors']>();
    for (const s of options.selectors) byCluster.set(s.cluster, [...(byCluster.get(s.cluster) ?? []), s]);
    for (const [cluster, selectors] of byCluster) {
      this.clusters.set(cluster, { cluster, resolver: new TargetResolver(selectors), cache: undefined, detach: undefined, pods: new Map(), owners: new Set(), capacity: '', synced: false, involved: undefined });
    }
  }

  start(): this {
    for (const state of this.clusters.values()) {
      const cache = this.registry.cache(state.cluster);
      if (cache) this.attach(state, cache);
      else this.outbox.push({ type: 'streams', streams: [] });
      this.offs.push(this.access.scheduler(state.cluster).onChange(() => this.outbox.schedule()));
    }
    this.offs.push(
      this.registry.onCacheChange((cluster, cache) => {
        const state = this.clusters.get(cluster);
        if (!state) return;
        state.detach?.();
        state.detach = undefined;
        state.cache = undefined;
        if (cache) this.attach(state, cache);
      }),
    );
    this.outbox.schedule();
    return this;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const off of this.offs) off();
    for (const state of this.clusters.values()) state.detach?.();
    for (const stream of this.streams.keys()) stream.stop();
    this.streams.clear();
    this.outbox.close();
  }

  private attach(state: ClusterState, cache: ClusterCache): void {
    state.cache = cache;
    state.detach = cache.subscribe((changes) => this.onChanges(state, changes));
    // Pods present when following starts begin at --since/--tail; so do those the first list is still bringing.
    for (const pod of state.resolver.resolve(cache)) this.upsertPod(state, pod, !state.synced);
    if (podsSynced(cache)) state.synced = true;
    const events: EventRow[] = [];
    for (const row of cache.list(['events'])) if (row.kind === 'events' && this.eventWanted(state, row)) events.push(row);
    events.sort((a, b) => a.lastSeen.localeCompare(b.lastSeen));
    this.sendEvents(events.slice(-INITIAL_EVENTS));
  }

  private onChanges(state: ClusterState, changes: RowChange[]): void {
    const cache = state.cache;
    if (!cache || this.disposed) return;
    const existing = !state.synced && !podsSynced(cache);
    if (!existing) state.synced = true;
    const events: EventRow[] = [];
    for (const change of changes) {
      if (change.type === 'delete') {
        if (change.kind === 'pods') {
          const track = state.pods.get(change.key);
          if (track) this.removePod(state, change.key, track, true);
        }
        continue;
      }
      const row = change.row;
      if (row.kind === 'pods') {
        if (state.resolver.matches(row, cache)) this.upsertPod(state, row, existing);
        else {
          const track = state.pods.get(row.key);
          if (track) this.removePod(state, row.key, track, false);
        }
      } else if (row.kind === 'replicasets' || row.kind === 'jobs') {
        this.newOwner(state, cache, row, existing);
      } else if (row.kind === 'events' && this.eventWanted(state, row)) {
        events.push(row);
      }
    }
    this.sendEvents(events);
  }

  /** A ReplicaSet or Job seen for the first time may make pods that arrived before it match. */
  private newOwner(state: ClusterState, cache: ClusterCache, row: ResourceRow, existing: boolean): void {
    if (state.owners.has(row.key)) return;
    state.owners.add(row.key);
    const ownerKind = row.kind === 'replicasets' ? 'ReplicaSet' : 'Job';
    for (const pod of cache.list(['pods'])) {
      if (pod.kind !== 'pods' || pod.namespace !== row.namespace || state.pods.has(pod.key)) continue;
      if (!pod.owners?.some((o) => o.kind === ownerKind && o.name === row.name)) continue;
      if (state.resolver.matches(pod, cache)) this.upsertPod(state, pod, existing);
    }
  }

  private upsertPod(state: ClusterState, row: PodRow, existing: boolean): void {
    let track = state.pods.get(row.key);
    if (track && track.row.uid !== row.uid) {
      this.removePod(state, row.key, track, true);
      track = undefined;
    }
    if (!track) {
      track = { row, existing, containers: new Map() };
      state.pods.set(row.key, track);
      state.involved = undefined;
      // Events about the pod may have arrived before it matched.
      const events: EventRow[] = [];
      for (const e of state.cache?.list(['events']) ?? []) {
        if (e.kind === 'events' && e.involved.kind === 'Pod' && e.involved.name === row.name && (e.involved.namespace ?? e.namespace) === row.namespace) events.push(e);
      }
      this.sendEvents(events.sort((a, b) => a.lastSeen.localeCompare(b.lastSeen)));
    }
    track.row = row;
    for (const c of row.containers) {
      if (!this.wantsContainer(c.name)) continue;
      const instance = instanceOf(c);
      const current = track.containers.get(c.name);
      if (instance === undefined) continue;
      if (!current) {
        const start: InstanceStart | 'beginning' = track.existing ? { sinceSeconds: this.options.sinceSeconds, tail: this.options.tail } : 'beginning';
        this.openStream(state, track, c, instance, start, track.existing ? undefined : ['started', `pod ${row.name} started`]);
      } else if (instance > current.instance) {
        this.openStream(state, track, c, instance, 'beginning', ['restarted', `container ${c.name} restarted (restart ${instance})`]);
      } else current.stream.setPriority(this.priority(state, track, c));
    }
  }

  private openStream(state: ClusterState, track: PodTrack, c: ContainerRow, instance: number, start: InstanceStart | 'beginning', marker?: [LogMarkerKind, string]): void {
    const { row } = track;
    const id = this.nextStreamId++;
    const info: LogStreamInfo = { id, cluster: state.cluster, namespace: row.namespace ?? '', pod: row.name, container: c.name, restarts: instance, state: 'waiting' };
    const ct: ContainerTrack = { instance, info, done: false, stream: undefined as unknown as InstanceStream };
    const stream = new InstanceStream(
      { namespace: row.namespace ?? '', pod: row.name, podUid: row.uid, container: c.name, restarts: instance },
      () => this.access.client(state.cluster),
      this.access.scheduler(state.cluster),
      {
        lines: (lines) => this.addLines(id, lines),
        state: (s, message) => {
          if (info.state === s && info.message === message) return;
          info.state = s;
          if (message) info.message = message;
          else delete info.message;
          if (s === 'ended' || s === 'failed') {
            ct.done = true;
            this.streams.delete(stream);
          }
          this.outbox.info(info);
        },
        marker: (kind, text) => this.outbox.push({ type: 'marker', stream: id, ts: stream.lastTimestamp ?? this.lastTs, kind, text }),
        previous: () => {
          info.previous = true;
          this.outbox.info(info);
        },
        identified: (containerId) => {
          info.containerId = containerId;
          this.outbox.info(info);
        },
      },
      this.priority(state, track, c),
      start,
      this.tuning,
    );
    ct.stream = stream;
    track.containers.set(c.name, ct);
    this.streams.set(stream, state.cluster);
    this.outbox.info(info);
    if (marker) this.outbox.push({ type: 'marker', stream: id, ts: this.lastTs, kind: marker[0], text: marker[1] });
    if (this.outbox.isPaused) stream.setPaused(true);
    stream.run();
  }

  /** A deleted pod's streams finish what is in flight and end with a marker; one that stopped matching ends now. */
  private removePod(state: ClusterState, key: string, track: PodTrack, deleted: boolean): void {
    state.pods.delete(key);
    state.involved = undefined;
    for (const ct of track.containers.values()) {
      if (!deleted) {
        ct.stream.stop();
        this.streams.delete(ct.stream);
        ct.info.state = 'ended';
        ct.info.message = `pod ${track.row.name} no longer matches`;
        this.outbox.info(ct.info);
      } else if (ct.done) {
        this.outbox.push({ type: 'marker', stream: ct.info.id, ts: ct.stream.lastTimestamp ?? this.lastTs, kind: 'deleted', text: `pod ${track.row.name} was deleted` });
      } else ct.stream.markPodDeleted();
    }
  }

  private priority(state: ClusterState, track: PodTrack, c: ContainerRow): Priority {
    if (state.resolver.isNamed(track.row)) return PRIORITY.selected;
    if (!track.existing) return PRIORITY.fresh;
    const failing = c.restarts > 0 || c.state === 'waiting' || c.state === 'terminated' && c.exitCode !== 0 || !['Running', 'Completed', 'Succeeded'].includes(track.row.status);
    return failing ? PRIORITY.failing : PRIORITY.normal;
  }

  private wantsContainer(name: string): boolean {
    if (this.containerInclude && !this.containerInclude.test(name)) return false;
    return !(this.containerExclude && this.containerExclude.test(name));
  }

  private eventWanted(state: ClusterState, event: EventRow): boolean {
    if (!state.involved) {
      const pods = new Set<string>();
      const owners = new Set<string>();
      for (const track of state.pods.values()) {
        const ns = track.row.namespace ?? '';
        pods.add(`${ns}/${track.row.name}`);
        for (const o of track.row.owners ?? []) owners.add(`${ns}/${o.kind}/${o.name}`);
      }
      state.involved = { pods, owners };
    }
    return state.resolver.eventMatches(event, state.involved.pods, state.involved.owners);
  }

  private sendEvents(events: EventRow[]): void {
    const fresh = events.filter((e) => {
      if (this.sentEvents.get(e.key) === e.rv) return false;
      this.sentEvents.delete(e.key);
      this.sentEvents.set(e.key, e.rv);
      return true;
    });
    // Remembered only to skip resending unchanged rows: the oldest are forgotten past a bound.
    for (const key of this.sentEvents.keys()) {
      if (this.sentEvents.size <= MAX_REMEMBERED_EVENTS) break;
      this.sentEvents.delete(key);
    }
    if (fresh.length > 0) this.outbox.push({ type: 'events', events: fresh });
  }

  private addLines(stream: number, raw: RawLine[]): void {
    const lines: LogLine[] = raw.map((l) => ({ stream, ts: l.ts, text: l.text }));
    const last = lines[lines.length - 1]!.ts;
    if (last > this.lastTs) this.lastTs = last;
    this.outbox.lines(lines);
  }

  private setPaused(paused: boolean): void {
    for (const stream of this.streams.keys()) stream.setPaused(paused);
  }

  private updateCapacity(): void {
    for (const state of this.clusters.values()) {
      let active = 0;
      let waiting = 0;
      for (const [stream, cluster] of this.streams) {
        if (cluster !== state.cluster) continue;
        if (stream.active) active++;
        else if (stream.queued) waiting++;
      }
      const limit = this.access.scheduler(state.cluster).limit;
      const key = `${active}/${waiting}/${limit}`;
      if (key === state.capacity) continue;
      state.capacity = key;
      this.outbox.push({ type: 'capacity', cluster: state.cluster, active, waiting, limit });
    }
  }
}

/** The instance a container row shows (its restart count), if one has ever run. */
function instanceOf(c: ContainerRow): number | undefined {
  if (c.state === 'running' || c.state === 'terminated') return c.restarts;
  if (c.state === 'waiting' && (c.restarts > 0 || c.reason === 'CrashLoopBackOff')) return c.restarts;
  return undefined;
}

function podsSynced(cache: ClusterCache): boolean {
  return cache.status().every((k) => k.kind !== 'pods' || k.synced);
}

