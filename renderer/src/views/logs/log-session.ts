/**
 * One follow session on the renderer side: applies the host's `logs.follow` batches to the ring
 * (lines, markers and the workload's events interleaved by time) and keeps what the streams list
 * states — each stream's state, how many wait for capacity, and how many lines were dropped.
 */
import { timeKey } from '../../../../shared/logs/log-time';
import type { LogFeedEvent, LogStreamInfo } from '../../../../shared/model/logs';
import type { EventRow } from '../../../../shared/model/rows';
import { FilteredLines } from './filtered-lines';
import { byKey, LogRing, type LogEntry } from './log-ring';

const SEEN_EVENTS = 10_000;

export interface CapacityState {
  active: number;
  waiting: number;
  limit: number;
}

export class LogSession {
  readonly ring: LogRing;
  readonly lines: FilteredLines;
  readonly streams = new Map<number, LogStreamInfo>();
  /** Per cluster (the host caps concurrent streams per cluster); '' when the host names none. */
  readonly capacity = new Map<string, CapacityState>();
  /** Lines the host dropped because this viewer fell behind (never silent: the UI shows it). */
  dropped = 0;
  /** Log lines received in this session (the ring may hold fewer). */
  received = 0;
  private seq = 0;
  private readonly seenEvents = new Set<string>();
  /** The last key per stream: a line without a readable timestamp sorts right after its predecessor. */
  private readonly lastKey = new Map<number, string>();

  constructor(capacity?: number) {
    this.ring = new LogRing(capacity);
    this.lines = new FilteredLines(this.ring, (entry) => this.groupOf(entry));
  }

  /** "pod/container", the group patterns are counted in. */
  groupOf(entry: LogEntry): string {
    const stream = this.streams.get(entry.stream);
    return stream ? `${stream.pod}/${stream.container}` : String(entry.stream);
  }

  private keyFor(stream: number, ts: string): string {
    const key = timeKey(ts) ?? this.lastKey.get(stream) ?? new Date().toISOString().replace('Z', '000000Z');
    this.lastKey.set(stream, key);
    return key;
  }

  private eventEntry(row: EventRow): LogEntry | undefined {
    const id = `${row.key}|${row.count}|${row.lastSeen}`;
    if (this.seenEvents.has(id)) return undefined;
    this.seenEvents.add(id);
    // Remember the recent ones only: the host resends an event when it changes, not forever.
    if (this.seenEvents.size > SEEN_EVENTS) this.seenEvents.delete(this.seenEvents.values().next().value!);
    return {
      key: timeKey(row.lastSeen) ?? row.lastSeen,
      seq: 0,
      kind: 'event',
      stream: -1,
      text: row.message,
      event: { type: row.type, reason: row.reason, object: `${row.involved.kind}/${row.involved.name}`, count: row.count },
    };
  }

  /** Applies one batch of feed events; returns whether anything the view shows changed. */
  apply(events: readonly LogFeedEvent[]): boolean {
    const batch: LogEntry[] = [];
    let changed = false;
    for (const event of events) {
      switch (event.type) {
        case 'streams':
          for (const stream of event.streams) this.streams.set(stream.id, stream);
          changed = true;
          break;
        case 'lines':
          for (const line of event.lines) {
            batch.push({ key: this.keyFor(line.stream, line.ts), seq: 0, kind: 'line', stream: line.stream, text: line.text });
          }
          this.received += event.lines.length;
          break;
        case 'marker':
          batch.push({ key: this.keyFor(event.stream, event.ts), seq: 0, kind: 'marker', stream: event.stream, text: event.text, marker: event.kind });
          break;
        case 'events':
          for (const row of event.events) {
            const entry = this.eventEntry(row);
            if (entry) batch.push(entry);
          }
          break;
        case 'capacity':
          this.capacity.set(event.cluster ?? '', { active: event.active, waiting: event.waiting, limit: event.limit });
          changed = true;
          break;
        case 'overflow':
          this.dropped += event.dropped;
          changed = true;
          break;
      }
    }
    if (batch.length === 0) return changed;
    // Stable: a stream's lines that share a timestamp (a stack trace) keep their order.
    const firstSeq = this.seq;
    for (const entry of batch) entry.seq = this.seq++;
    batch.sort(byKey);
    this.lines.onInsert(this.ring.insert(batch), firstSeq);
    return true;
  }

  /** Streams per state, for the status line. */
  streamCounts(): Record<LogStreamInfo['state'], number> {
    const counts = { waiting: 0, connecting: 0, streaming: 0, reconnecting: 0, ended: 0, failed: 0 };
    for (const stream of this.streams.values()) counts[stream.state]++;
    return counts;
  }

  /** Streams waiting for capacity, over every cluster. */
  waiting(): number {
    let n = 0;
    for (const c of this.capacity.values()) n += c.waiting;
    return n;
  }

  /** Distinct pods among the streams. */
  podCount(): number {
    return new Set([...this.streams.values()].map((s) => `${s.cluster}/${s.namespace}/${s.pod}`)).size;
  }
}
