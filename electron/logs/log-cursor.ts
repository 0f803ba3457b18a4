/**
 * Where a container instance's log has been delivered up to, so a new connection resumes without a
 * gap or a repeat. The kubelet's `sinceTime` has second precision, so a resumed connection starts at
 * the last delivered line's second and replays lines already delivered: those are skipped by
 * timestamp, and among lines sharing the last timestamp (a stack trace written at once) by count.
 */
import { StringDecoder } from 'node:string_decoder';

/** A kubelet timestamp made fixed-width (nine fraction digits, UTC) so strings compare in time order. */
export function normalizeTimestamp(ts: string): string {
  // The kubelet's own format already is: the common case costs no regular expression.
  if (ts.length === 30 && ts.charCodeAt(29) === 90 /* Z */ && ts.charCodeAt(19) === 46 /* . */) return ts;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return ts;
  const [, seconds, fraction = '', zone] = m;
  const nanos = fraction.padEnd(9, '0');
  if (zone === 'Z') return `${seconds}.${nanos}Z`;
  const utc = new Date(`${seconds}${zone}`).toISOString().slice(0, 19);
  return `${utc}.${nanos}Z`;
}

export class ResumeCursor {
  /** The last delivered line's timestamp (normalized). */
  private last: string | undefined;
  /** How many delivered lines carry exactly `last`. */
  private atLast = 0;
  /** While replaying: lines seen with timestamp `last` in this connection. */
  private replayedAtLast = 0;
  private replaying = false;

  get lastTimestamp(): string | undefined {
    return this.last;
  }

  get delivered(): boolean {
    return this.last !== undefined;
  }

  /** `sinceTime` for the next connection: the last delivered second (undefined before any line). */
  sinceTime(): string | undefined {
    return this.last === undefined ? undefined : `${this.last.slice(0, 19)}Z`;
  }

  /** A new connection starts: what it sends first may repeat delivered lines. */
  beginConnection(): void {
    this.replaying = this.last !== undefined;
    this.replayedAtLast = 0;
  }

  /** True if the line is new and now counts as delivered; false if it repeats a delivered one. */
  accept(ts: string): boolean {
    if (this.replaying && this.last !== undefined) {
      if (ts < this.last) return false;
      if (ts === this.last) {
        this.replayedAtLast++;
        if (this.replayedAtLast <= this.atLast) return false;
      }
      this.replaying = false;
    }
    if (ts === this.last) this.atLast++;
    else {
      this.last = ts;
      this.atLast = 1;
    }
    return true;
  }
}

export interface RawLine {
  ts: string;
  text: string;
}

/**
 * Splits a `timestamps=true` log body into lines as chunks arrive. A line cut off by a dropped
 * connection never completes here and is fetched again on resume (its timestamp was not delivered).
 */
export class TimestampedLineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  push(chunk: Buffer): RawLine[] {
    const text = this.partial + this.decoder.write(chunk);
    const out: RawLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      out.push(parseLine(text.slice(start, nl)));
      start = nl + 1;
    }
    this.partial = text.slice(start);
    return out;
  }

  /** The body ended normally: a last line without a newline is still a line. */
  end(): RawLine[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest ? [parseLine(rest)] : [];
  }
}

function parseLine(line: string): RawLine {
  const body = line.endsWith('\r') ? line.slice(0, -1) : line;
  const space = body.indexOf(' ');
  // Every kubelet line starts with its timestamp; anything else is kept whole with an empty one.
  if (space < 20) return { ts: '', text: body };
  return { ts: normalizeTimestamp(body.slice(0, space)), text: body.slice(space + 1) };
}
