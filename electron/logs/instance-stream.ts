/**
 * Follows one container instance's log (one containerID: a pod's container at one restart count)
 * from its start, or from --since/--tail, to its end, through the API server's log endpoint with
 * `follow=true&timestamps=true`. Before every connection the pod is read fresh, so a connection is
 * only ever opened to this instance: after a drop it resumes from the last delivered second (see
 * ResumeCursor); once the instance is over, its remaining lines are fetched once — from the current
 * container if it has not restarted, with `previous=true` if it has restarted once since. Long
 * streams are reconnected before servers time them out.
 */
import type { IncomingMessage } from 'node:http';
import type { LogMarkerKind, LogStreamState } from '../../shared/model/logs';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { KubeApiError } from '../kube/http/kube-api-error';
import { checkInstance, type InstanceCheck, type InstanceRef } from './instance-check';
import { ResumeCursor, TimestampedLineSplitter, type RawLine } from './log-cursor';
import type { Priority, SlotHolder, StreamScheduler } from './stream-scheduler';

export interface InstanceStart {
  sinceSeconds?: number;
  /** -1: everything within since. */
  tail?: number;
}

export interface InstanceOutput {
  lines(lines: RawLine[]): void;
  state(state: LogStreamState, message?: string): void;
  marker(kind: LogMarkerKind, text: string): void;
  /** The instance turned out to be a terminated one, read with previous=true. */
  previous(): void;
  /** The runtime's containerID of this instance, once the pod says it. */
  identified(containerId: string): void;
}

export interface InstanceStreamOptions {
  /** Reconnect (resuming) after this long on one connection, before any server-side timeout. */
  reconnectAfterMs: number;
  /** A connection silent this long is reconnected (also catches half-open sockets). */
  idleTimeoutMs: number;
}

const RETRY_MAX_MS = 30_000;
const DELETED_GRACE_MS = 30_000;

export class InstanceStream implements SlotHolder {
  private readonly cursor = new ResumeCursor();
  private stopped = false;
  private slot: 'none' | 'waiting' | 'active' = 'none';
  private slotWaiters: Array<() => void> = [];
  private connection: { abort: AbortController; res?: IncomingMessage; why?: 'preempted' | 'scheduled' | 'stopped' } | undefined;
  private paused = false;
  private failures = 0;
  private quickEnds = 0;
  private containerId: string | undefined;
  private podDeleted = false;
  private sleepTimer: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;

  constructor(
    readonly ref: InstanceRef,
    private readonly client: () => KubeHttpClient | undefined,
    private readonly scheduler: StreamScheduler,
    private readonly out: InstanceOutput,
    private prio: Priority,
    private readonly start: InstanceStart | 'beginning',
    private readonly options: InstanceStreamOptions,
  ) {}

  run(): void {
    void this.loop().catch((err: unknown) => {
      this.releaseSlot();
      if (!this.stopped) this.out.state('failed', err instanceof Error ? err.message : String(err));
    });
  }

  priority(): Priority {
    return this.prio;
  }

  setPriority(priority: Priority): void {
    if (priority === this.prio) return;
    this.prio = priority;
    this.scheduler.reprioritize(this);
  }

  granted(): void {
    this.slot = 'active';
    const waiters = this.slotWaiters;
    this.slotWaiters = [];
    for (const w of waiters) w();
  }

  preempted(): void {
    this.slot = 'waiting';
    this.out.state('waiting', 'over the stream limit: waiting for a free slot');
    this.closeConnection('preempted');
  }

  /** Backpressure from the renderer: stop reading the socket (the kubelet keeps the lines). */
  setPaused(paused: boolean): void {
    this.paused = paused;
    const res = this.connection?.res;
    if (!res) return;
    if (paused) res.pause();
    else res.resume();
  }

  /** The pod's row is gone: finish what is in flight, then end with a marker. */
  markPodDeleted(): void {
    if (this.podDeleted) return;
    this.podDeleted = true;
    this.sleepTimer?.wake();
    // The containers stop before the pod goes, so the stream ends by itself; should it not, it is ended here.
    setTimeout(() => {
      if (this.stopped) return;
      this.closeConnection('stopped');
      this.finish('deleted', `pod ${this.ref.pod} was deleted`);
    }, DELETED_GRACE_MS).unref();
  }

  get lastTimestamp(): string | undefined {
    return this.cursor.lastTimestamp;
  }

  get active(): boolean {
    return this.slot === 'active';
  }

  get queued(): boolean {
    return this.slot === 'waiting';
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.closeConnection('stopped');
    this.sleepTimer?.wake();
    this.releaseSlot();
    const waiters = this.slotWaiters;
    this.slotWaiters = [];
    for (const w of waiters) w();
  }

  private async loop(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      await this.acquireSlot();
      if (this.stopped) return;
      const client = this.client();
      if (!client) {
        await this.retryLater('the cluster is not connected');
        continue;
      }
      this.out.state(first ? 'connecting' : 'reconnecting');
      let check: InstanceCheck;
      try {
        check = await checkInstance(client, this.ref);
        if (check.containerId) this.identify(check.containerId);
      } catch (err) {
        if (await this.failed(err)) return;
        continue;
      }
      if (this.stopped) return;
      if (check.kind === 'gone') return this.finish('deleted', `pod ${this.ref.pod} was deleted`);
      if (check.kind === 'notStarted') {
        if (this.podDeleted) return this.finish('deleted', `pod ${this.ref.pod} was deleted`);
        await this.retryLater(`waiting to start: ${check.reason}`, 1_000);
        continue;
      }
      if (check.kind === 'restarted' && check.restarts > this.ref.restarts + 1) {
        this.out.marker('restarted', `container ${this.ref.container} restarted ${check.restarts - this.ref.restarts} times before its log could be read; lines of the instances in between are gone`);
        return this.finish('ended');
      }
      try {
        if (check.kind === 'running') {
          const started = performance.now();
          const why = await this.follow(client, first);
          first = false;
          if (why === 'dropped') this.out.marker('reconnected', 'connection lost: resumed without gap or repeat');
          // A server that keeps closing at once is not hammered.
          if ((why === 'ended' || why === 'dropped') && performance.now() - started < 1_000) {
            this.quickEnds++;
            await this.retryLater(`the log stream keeps closing (${why})`, Math.min(5_000, 50 * 2 ** Math.min(7, this.quickEnds)));
          } else this.quickEnds = 0;
          this.failures = 0;
          continue;
        }
        // The instance is over: what it printed after the last delivered line, once.
        const previous = check.kind === 'restarted';
        const count = await this.fetchRest(client, previous, first);
        if (previous && count > 0) {
          this.out.previous();
          this.out.marker('previous', `last ${count} line${count === 1 ? '' : 's'} of the previous instance, read after the restart`);
        }
        return this.finish('ended');
      } catch (err) {
        if (this.stopped) return;
        if (this.slot === 'waiting') continue; // preempted mid-read: resumes from the cursor later
        if (err instanceof KubeApiError && err.statusCode === 400 && /waiting to start|previous terminated container/.test(err.message)) {
          await this.retryLater(err.message, 1_000);
          continue;
        }
        if (await this.failed(err)) return;
      }
    }
  }

  private identify(containerId: string | undefined): void {
    if (!containerId || containerId === this.containerId) return;
    this.containerId = containerId;
    this.out.identified(containerId);
  }

  private path(): string {
    const { namespace, pod } = this.ref;
    return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
  }

  private startQuery(first: boolean): Record<string, string | number | undefined> {
    const since = this.cursor.sinceTime();
    if (since) return { sinceTime: since };
    if (this.start === 'beginning' || !first) return {};
    return {
      sinceSeconds: this.start.sinceSeconds,
      tailLines: this.start.tail !== undefined && this.start.tail >= 0 ? this.start.tail : undefined,
    };
  }

  /** One follow connection; resolves with why it ended. */
  private async follow(client: KubeHttpClient, first: boolean): Promise<'ended' | 'dropped' | 'preempted' | 'scheduled' | 'stopped'> {
    const abort = new AbortController();
    const connection: NonNullable<InstanceStream['connection']> = { abort };
    this.connection = connection;
    this.cursor.beginConnection();
    let res: IncomingMessage;
    try {
      res = await client.stream(this.path(), {
        query: { container: this.ref.container, follow: true, timestamps: true, ...this.startQuery(first) },
        accept: '*/*',
        signal: abort.signal,
        idleTimeoutMs: this.options.idleTimeoutMs,
      });
    } catch (err) {
      if (connection.why) return connection.why;
      throw err;
    } finally {
      if (this.connection === connection && connection.why) this.connection = undefined;
    }
    if (connection.why) {
      res.destroy();
      return connection.why;
    }
    connection.res = res;
    if (this.paused) res.pause();
    this.out.state('streaming');
    const splitter = new TimestampedLineSplitter();
    const timer = setTimeout(() => this.closeConnection('scheduled'), this.options.reconnectAfterMs);
    try {
      const clean = await new Promise<boolean>((resolve) => {
        res.on('data', (chunk: Buffer) => this.deliver(splitter.push(chunk)));
        res.once('end', () => resolve(true));
        res.once('error', () => resolve(false));
        res.once('close', () => resolve(res.complete));
      });
      if (connection.why) return connection.why;
      return clean ? 'ended' : 'dropped';
    } finally {
      clearTimeout(timer);
      if (this.connection === connection) this.connection = undefined;
    }
  }

  /** A one-shot read of an instance that is over: the lines after the cursor (or the start window). */
  private async fetchRest(client: KubeHttpClient, previous: boolean, first: boolean): Promise<number> {
    const abort = new AbortController();
    const connection: NonNullable<InstanceStream['connection']> = { abort };
    this.connection = connection;
    this.cursor.beginConnection();
    try {
      const res = await client.stream(this.path(), {
        query: { container: this.ref.container, timestamps: true, ...(previous ? { previous: true } : {}), ...this.startQuery(first) },
        accept: '*/*',
        signal: abort.signal,
        idleTimeoutMs: this.options.idleTimeoutMs,
      });
      connection.res = res;
      const splitter = new TimestampedLineSplitter();
      let count = 0;
      for await (const chunk of res) count += this.deliver(splitter.push(chunk as Buffer));
      count += this.deliver(splitter.end());
      return count;
    } finally {
      if (this.connection === connection) this.connection = undefined;
    }
  }

  private deliver(raw: RawLine[]): number {
    if (raw.length === 0 || this.stopped) return 0;
    const fresh = raw.filter((l) => this.cursor.accept(l.ts));
    if (fresh.length > 0) this.out.lines(fresh);
    return fresh.length;
  }

  /** Counts a failure and waits before the next try; true when the stream should give up. */
  private async failed(err: unknown): Promise<boolean> {
    if (this.stopped) return true;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof KubeApiError && (err.statusCode === 401 || err.statusCode === 403)) {
      this.finish('failed', message);
      return true;
    }
    this.failures++;
    await this.retryLater(message, Math.min(RETRY_MAX_MS, 250 * 2 ** Math.min(7, this.failures - 1)));
    return false;
  }

  /** Gives the slot back while waiting, so a stream that cannot connect never blocks one that can. */
  private async retryLater(message: string, ms = 2_000): Promise<void> {
    this.out.state('reconnecting', message);
    this.releaseSlot();
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepTimer = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepTimer = { timer, wake };
    });
  }

  private finish(state: 'ended' | 'failed' | 'deleted', message?: string): void {
    this.releaseSlot();
    if (this.stopped) return;
    this.stopped = true;
    if (state === 'deleted') {
      this.out.marker('deleted', message ?? `pod ${this.ref.pod} was deleted`);
      this.out.state('ended', message);
    } else this.out.state(state, message);
  }

  private async acquireSlot(): Promise<void> {
    if (this.slot === 'active' || this.stopped) return;
    if (this.slot === 'none') {
      this.slot = 'waiting';
      this.scheduler.request(this);
    }
    if (this.slot === 'waiting') {
      this.out.state('waiting', 'over the stream limit: waiting for a free slot');
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
  }

  private releaseSlot(): void {
    if (this.slot === 'none') return;
    this.slot = 'none';
    this.scheduler.release(this);
  }

  private closeConnection(why: 'preempted' | 'scheduled' | 'stopped'): void {
    const c = this.connection;
    if (!c) return;
    c.why = why;
    c.abort.abort();
    c.res?.destroy();
  }
}
