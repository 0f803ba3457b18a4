/**
 * The lines of a follow session, ordered by timestamp, in a fixed-size ring: the oldest entries
 * are evicted once it is full. Each stream's lines arrive in order but streams interleave, and a
 * new pod's backlog is older than lines already shown; a batch is merged into the ring's tail from
 * the first place it belongs, so the cost is that tail plus the batch, never a re-sort of the whole.
 */
import type { LogMarkerKind } from '../../../../shared/model/logs';

export type EntryKind = 'line' | 'marker' | 'event';

export interface LogEntry {
  /** Timestamp as an ordering key (`timeKey`): UTC, nine fraction digits. */
  key: string;
  /** Arrival order; unique within a session. */
  seq: number;
  kind: EntryKind;
  /** The stream (container instance) for lines and markers; -1 for events. */
  stream: number;
  text: string;
  marker?: LogMarkerKind;
  event?: { type: string; reason: string; object: string; count: number };
  /** Set once the ring has evicted the entry. */
  gone?: boolean;
}

export interface InsertResult {
  /** Logical index from which the ring's content changed (everything before it is as it was). */
  from: number;
  /** Entries that fell out of the ring, oldest first (possibly some of the batch itself). */
  evicted: LogEntry[];
}

export const DEFAULT_CAPACITY = 100_000;

export function byKey(a: LogEntry, b: LogEntry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class LogRing {
  private readonly slots: Array<LogEntry | undefined>;
  private start = 0;
  private count = 0;
  /** Entries evicted since the session began: the buffer's limit, stated in the UI. */
  evictedTotal = 0;

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<LogEntry | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  at(index: number): LogEntry {
    return this.slots[(this.start + index) % this.capacity]!;
  }

  last(): LogEntry | undefined {
    return this.count > 0 ? this.at(this.count - 1) : undefined;
  }

  private set(index: number, entry: LogEntry): void {
    this.slots[(this.start + index) % this.capacity] = entry;
  }

  /** First logical index whose key is greater than `key` (entries with an equal key stay before). */
  upperBound(key: string): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).key <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts a batch that is already sorted by key (stable: equal keys keep arrival order). */
  insert(batch: LogEntry[]): InsertResult {
    if (batch.length === 0) return { from: this.count, evicted: [] };
    const last = this.last();
    const from = !last || last.key <= batch[0]!.key ? this.count : this.upperBound(batch[0]!.key);
    let merged: LogEntry[];
    if (from === this.count) merged = batch;
    else {
      const tail: LogEntry[] = [];
      for (let i = from; i < this.count; i++) tail.push(this.at(i));
      merged = mergeSorted(tail, batch);
    }
    const evicted: LogEntry[] = [];
    const overflow = Math.max(0, from + merged.length - this.capacity);
    // Evict from the untouched head first, then (a batch older than a full ring) from the merge.
    const fromHead = Math.min(overflow, from);
    for (let i = 0; i < fromHead; i++) {
      const entry = this.at(i);
      entry.gone = true;
      evicted.push(entry);
      this.slots[(this.start + i) % this.capacity] = undefined;
    }
    this.start = (this.start + fromHead) % this.capacity;
    let writeAt = from - fromHead;
    let skip = overflow - fromHead;
    for (const entry of merged) {
      if (skip > 0) {
        skip--;
        entry.gone = true;
        evicted.push(entry);
        continue;
      }
      this.set(writeAt++, entry);
    }
    this.count = writeAt;
    this.evictedTotal += evicted.length;
    return { from: overflow > fromHead ? 0 : from - fromHead, evicted };
  }

  clear(): void {
    this.slots.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.evictedTotal = 0;
  }

  *[Symbol.iterator](): IterableIterator<LogEntry> {
    for (let i = 0; i < this.count; i++) yield this.at(i);
  }
}

/** Stable merge of two key-sorted runs; on equal keys the first run's entries come first. */
export function mergeSorted(a: LogEntry[], b: LogEntry[]): LogEntry[] {
  const out = new Array<LogEntry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.key <= b[j]!.key ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
