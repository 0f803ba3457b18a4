import type { ServerResponse } from 'node:http';
import type { PodSubresourceContext, SimClock } from '../core/types';
import { clockSpeed } from '../cluster/sim-clock';
import { containerStatus, resolveContainer } from './pod-containers';
import { formatTimestamp, timeValue, type ContainerInstance, type LogLine, type LogTruth } from './log-truth';

const PUMP_MIN_MS = 4;

/** How a dropped log stream ends: a reset socket, a clean end, or a reset in the middle of a line. */
export type LogDropMode = 'reset' | 'end' | 'midLine';

export interface FollowedLog {
  namespace: string;
  pod: string;
  container: string;
  containerID: string;
}

interface LiveFollow extends FollowedLog {
  drop(mode: LogDropMode): void;
}

interface LogOptions {
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceMs?: number;
  limitBytes?: number;
}

/**
 * `GET pods/{name}/log`, served from the ground truth: the same lines, times and order the kubelet
 * would read back from the container's log file, then (with `follow`) each new line as its emission
 * time comes, until the container instance ends.
 */
export class PodLogs {
  private readonly live = new Set<LiveFollow>();
  /** Follow streams opened so far (clients that reconnect open more). */
  followsOpened = 0;

  constructor(
    private readonly truth: LogTruth,
    private readonly clock: SimClock,
  ) {}

  serve(ctx: PodSubresourceContext, res: ServerResponse): void {
    const { pod, query } = ctx;
    const resolved = resolveContainer(pod, query.get('container'));
    if ('error' in resolved) return sendStatus(res, 400, 'BadRequest', resolved.error);
    const options = parseOptions(query, this.clock);
    if ('error' in options) return sendStatus(res, 400, 'BadRequest', options.error);
    const found = this.pickInstance(ctx, resolved.name, query.get('previous') === 'true');
    if ('error' in found) return sendStatus(res, 400, 'BadRequest', found.error);

    res.statusCode = 200;
    if (!res.hasHeader('content-type')) res.setHeader('Content-Type', 'text/plain');
    if (!res.hasHeader('cache-control')) res.setHeader('Cache-Control', 'no-cache, private');
    const inst = found.instance;
    if (!inst) {
      res.end();
      return;
    }
    const writer = new LimitedWriter(res, options.limitBytes);
    const now = this.clock.now().getTime();
    this.truth.markServed(inst, now);
    let lines = this.truth.linesAt(inst, now);
    if (options.sinceMs !== undefined) {
      const since = options.sinceMs;
      lines = lines.filter((l) => timeValue(l) >= since);
    }
    if (options.tailLines !== undefined) lines = options.tailLines === 0 ? [] : lines.slice(-options.tailLines);
    writer.write(lines.map((l) => render(l, options.timestamps)).join(''));
    const follow = options.follow && !found.previous;
    if (!follow || writer.full) {
      res.end();
      return;
    }
    res.flushHeaders();
    this.follow(inst, this.truth.countAt(inst, now), options, writer, res);
  }

  private pickInstance(
    ctx: PodSubresourceContext,
    container: string,
    previous: boolean,
  ): { instance: ContainerInstance | undefined; previous: boolean } | { error: string } {
    const { pod } = ctx;
    const ns = pod.metadata.namespace ?? 'default';
    const all = this.truth.instances(ns, pod.metadata.name, container);
    const status = containerStatus(pod, container);
    const byId = (id: string | undefined) => (id ? this.truth.instance(id) : undefined);
    if (previous) {
      const last = status ? byId(status.lastState?.terminated?.containerID) : all.length > 1 ? all[all.length - 2] : undefined;
      if (!last) return { error: `previous terminated container "${container}" in pod "${pod.metadata.name}" not found` };
      return { instance: last, previous: true };
    }
    if (status) {
      const current = status.state?.waiting ? byId(status.lastState?.terminated?.containerID) : byId(status.containerID);
      if (current) return { instance: current, previous: false };
      const reason = status.state?.waiting?.reason ?? 'ContainerCreating';
      if (all.length === 0) {
        return { error: `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${reason}` };
      }
    }
    const latest = all[all.length - 1];
    if (!latest) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return { instance: undefined, previous: false };
      return { error: `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating` };
    }
    return { instance: latest, previous: false };
  }

  /** Follow streams open now. */
  followed(): FollowedLog[] {
    return [...this.live].map(({ namespace, pod, container, containerID }) => ({ namespace, pod, container, containerID }));
  }

  /** Fault injection: ends the matching follow streams (all by default) as a broken connection would; returns how many. */
  drop(mode: LogDropMode, match: (f: FollowedLog) => boolean = () => true): number {
    let n = 0;
    for (const f of [...this.live]) {
      if (!match(f)) continue;
      f.drop(mode);
      n++;
    }
    return n;
  }

  private follow(inst: ContainerInstance, next: number, options: LogOptions, writer: LimitedWriter, res: ServerResponse): void {
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const speed = clockSpeed(this.clock);
    const entry: LiveFollow = {
      namespace: inst.namespace,
      pod: inst.pod,
      container: inst.container,
      containerID: inst.containerID,
      drop: (mode) => {
        if (closed) return;
        if (mode === 'end') return stop();
        closed = true;
        if (timer) clearTimeout(timer);
        unsubscribe();
        this.live.delete(entry);
        if (mode === 'reset') return void res.destroy();
        // Half of the next line reaches the client, then the connection breaks.
        const line = render(this.truth.line(inst, next), options.timestamps);
        res.write(line.slice(0, Math.max(1, Math.floor(line.length / 2))), () => res.destroy());
      },
    };
    this.live.add(entry);
    this.followsOpened++;
    const stop = () => {
      if (closed) return;
      closed = true;
      this.live.delete(entry);
      if (timer) clearTimeout(timer);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    const pump = () => {
      timer = undefined;
      if (closed) return;
      const now = this.clock.now().getTime();
      this.truth.markServed(inst, now);
      const count = this.truth.countAt(inst, now);
      let chunk = '';
      for (; next < count; next++) chunk += render(this.truth.line(inst, next), options.timestamps);
      if (chunk) writer.write(chunk);
      if (writer.full) return stop();
      if (inst.finishedAtMs !== undefined && now >= inst.finishedAtMs) return stop();
      if (inst.linesPerSecond <= 0) return; // woken by the finish event
      const due = timeValue(this.truth.line(inst, next));
      // Lines due within a few ms go out together, as a kubelet reading the log file does: at thousands
      // of lines/s per stream, one wake-up (and one TLS record) per line would cost more than the lines.
      const wait = Math.min(60_000, Math.max(PUMP_MIN_MS, (due - now) / speed));
      timer = setTimeout(pump, wait);
    };
    const unsubscribe = this.truth.subscribe((e) => {
      if (e.instance === inst && e.type === 'finished') {
        if (timer) clearTimeout(timer);
        pump();
        stop();
      }
    });
    res.on('close', stop);
    pump();
  }
}

function render(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${formatTimestamp(line)} ${line.text}\n` : `${line.text}\n`;
}

class LimitedWriter {
  private written = 0;
  full = false;
  constructor(
    private readonly res: ServerResponse,
    private readonly limit: number | undefined,
  ) {}

  write(s: string): void {
    if (this.full || s.length === 0) return;
    let buf = Buffer.from(s);
    if (this.limit !== undefined && this.written + buf.length >= this.limit) {
      buf = buf.subarray(0, this.limit - this.written);
      this.full = true;
    }
    this.written += buf.length;
    if (buf.length > 0) this.res.write(buf);
  }
}

function parseOptions(q: URLSearchParams, clock: SimClock): LogOptions | { error: string } {
  const int = (name: string): number | undefined | { error: string } => {
    const raw = q.get(name);
    if (raw === null || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) return { error: `${name}: Invalid value: "${raw}": must be an integer` };
    return n;
  };
  const tail = int('tailLines');
  const sinceSeconds = int('sinceSeconds');
  const limitBytes = int('limitBytes');
  for (const v of [tail, sinceSeconds, limitBytes]) if (typeof v === 'object') return v;
  const options: LogOptions = {
    follow: q.get('follow') === 'true',
    timestamps: q.get('timestamps') === 'true',
  };
  if (typeof tail === 'number') {
    if (tail < 0) return { error: 'tailLines: Invalid value: must be greater than or equal to 0' };
    options.tailLines = tail;
  }
  if (typeof limitBytes === 'number') {
    if (limitBytes < 1) return { error: 'limitBytes: Invalid value: must be greater than 0' };
    options.limitBytes = limitBytes;
  }
  const sinceTime = q.get('sinceTime');
  if (typeof sinceSeconds === 'number' && sinceTime) {
    return { error: 'at most one of `sinceTime` or `sinceSeconds` may be specified' };
  }
  if (typeof sinceSeconds === 'number') {
    if (sinceSeconds < 1) return { error: 'sinceSeconds: Invalid value: must be greater than 0' };
    options.sinceMs = clock.now().getTime() - sinceSeconds * 1000;
  } else if (sinceTime) {
    const t = Date.parse(sinceTime);
    if (Number.isNaN(t)) return { error: `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse` };
    options.sinceMs = t;
  }
  return options;
}

function sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  res.statusCode = code;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
