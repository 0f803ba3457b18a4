/**
 * The renderer's log store as the bench sees it: applies `logs.follow` events (stream states, lines)
 * and measures lines received and their latency from the moment the simulated container wrote them
 * (the line's kubelet timestamp: the logs sim runs at clock speed 1, so simulated time is wall time).
 */
import type { LogFeedEvent, LogStreamInfo } from '../../shared/model/logs';

let cachedSecond = '';
let cachedSecondMs = 0;

/** Milliseconds since the epoch of a kubelet timestamp (`…T10:00:01.123456789Z`); the second is parsed once. */
export function timestampMs(ts: string): number {
  const second = ts.slice(0, 19);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedSecondMs = Date.parse(`${second}Z`);
  }
  return cachedSecondMs + Number(ts.slice(20, 26)) / 1000;
}

interface PerStream {
  lastTs: string;
  /** Every timestamp received, in order, when `keepTimestamps` is on. */
  timestamps: string[];
}

export class LineMeter {
  readonly streams = new Map<number, LogStreamInfo>();
  private readonly perStream = new Map<number, PerStream>();
  lines = 0;
  /** Lines older than the one before them in their stream: what a replayed resume would look like. */
  backwards = 0;
  /** Keep every line's timestamp, to count lines up to a moment exactly. */
  constructor(private readonly keepTimestamps = false) {}
  overflow = 0;
  /** Latencies (ms) of lines received while `sampling`. */
  latencies: number[] = [];
  sampling = false;

  apply(events: LogFeedEvent[]): void {
    const now = Date.now();
    for (const event of events) {
      if (event.type === 'streams') for (const s of event.streams) this.streams.set(s.id, s);
      else if (event.type === 'overflow') this.overflow += event.dropped;
      else if (event.type === 'lines') {
        this.lines += event.lines.length;
        if (this.sampling) for (const l of event.lines) this.latencies.push(now - timestampMs(l.ts));
        for (const l of event.lines) {
          let s = this.perStream.get(l.stream);
          if (!s) this.perStream.set(l.stream, (s = { lastTs: '', timestamps: [] }));
          if (l.ts < s.lastTs) this.backwards++;
          s.lastTs = l.ts;
          if (this.keepTimestamps) s.timestamps.push(l.ts);
        }
      }
    }
  }

  /** Every stream has delivered a line after `cut` (a kubelet timestamp). */
  pastCut(cut: string): boolean {
    for (const id of this.streams.keys()) if ((this.perStream.get(id)?.lastTs ?? '') <= cut) return false;
    return true;
  }

  /** Lines with a timestamp up to `cut`, by pod (needs `keepTimestamps`). */
  countsByPod(cut: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [id, info] of this.streams) {
      const n = this.perStream.get(id)?.timestamps.filter((ts) => ts <= cut).length ?? 0;
      out.set(info.pod, (out.get(info.pod) ?? 0) + n);
    }
    return out;
  }

  streaming(): number {
    let n = 0;
    for (const s of this.streams.values()) if (s.state === 'streaming') n++;
    return n;
  }
}

/** A moment as a kubelet timestamp (nine fraction digits, UTC), comparable as a string. */
export function kubeletTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
