/**
 * The entries the viewer shows: the ring through the include/exclude filters and the hidden
 * streams, kept up to date per batch without rescanning the ring — only the tail a batch changed
 * is filtered again. It also keeps the search's match count and, when asked, the repeat patterns.
 */
import { stripAnsi } from '../../../../shared/logs/log-format';
import { PatternCounter } from '../../../../shared/logs/log-patterns';
import type { InsertResult, LogEntry, LogRing } from './log-ring';
import { linePattern } from './parsed-line';

export interface LineFilter {
  include?: RegExp;
  exclude?: RegExp;
  hiddenStreams: ReadonlySet<number>;
  showEvents: boolean;
}

const COMPACT_AT = 8_192;

/** The text filters and search run on: what the user reads, without colour codes. */
export function plainText(entry: LogEntry): string {
  if (entry.kind === 'event' && entry.event) return `${entry.event.reason} ${entry.event.object} ${entry.text}`;
  return stripAnsi(entry.text);
}

export class FilteredLines {
  private items: LogEntry[] = [];
  private head = 0;
  private filter: LineFilter = { hiddenStreams: new Set(), showEvents: true };
  private search: RegExp | undefined;
  /** Present while "collapse repeats" is on. */
  patterns: PatternCounter | undefined;
  /** Visible entries that match the search. */
  matchCount = 0;
  /** New entries that passed the filter since the session began (for "N new lines"). */
  added = 0;

  constructor(
    private readonly ring: LogRing,
    private readonly groupOf: (entry: LogEntry) => string,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  at(index: number): LogEntry | undefined {
    return this.items[this.head + index];
  }

  setFilter(filter: LineFilter): void {
    this.filter = filter;
    this.rebuild();
  }

  setSearch(search: RegExp | undefined): void {
    this.search = search;
    this.matchCount = 0;
    if (search) for (let i = this.head; i < this.items.length; i++) if (search.test(plainText(this.items[i]!))) this.matchCount++;
  }

  setCollapse(on: boolean): void {
    if (on === (this.patterns !== undefined)) return;
    this.patterns = on ? new PatternCounter() : undefined;
    if (on) for (let i = this.head; i < this.items.length; i++) this.countPattern(this.items[i]!, 1);
  }

  passes(entry: LogEntry): boolean {
    if (entry.kind === 'event') {
      if (!this.filter.showEvents) return false;
    } else if (this.filter.hiddenStreams.has(entry.stream)) return false;
    const { include, exclude } = this.filter;
    if (!include && !exclude) return true;
    const text = plainText(entry);
    if (include && !include.test(text)) return false;
    return !exclude?.test(text);
  }

  /** Brings the list up to date after `ring.insert`; entries with seq ≥ `newFromSeq` count as new. */
  onInsert(result: InsertResult, newFromSeq: number): void {
    if (result.from === 0) {
      this.rebuild();
      for (let i = this.head; i < this.items.length; i++) if (this.items[i]!.seq >= newFromSeq) this.added++;
      return;
    }
    while (this.head < this.items.length && this.items[this.head]!.gone) this.account(this.items[this.head++]!, -1);
    if (this.head > COMPACT_AT && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    // Entries up to `from` are unchanged and have keys ≤ the boundary; everything after was re-merged.
    const boundary = this.ring.at(result.from - 1).key;
    while (this.items.length > this.head && this.items[this.items.length - 1]!.key > boundary) this.account(this.items.pop()!, -1);
    for (let i = result.from; i < this.ring.length; i++) {
      const entry = this.ring.at(i);
      if (!this.passes(entry)) continue;
      this.items.push(entry);
      this.account(entry, 1);
      if (entry.seq >= newFromSeq) this.added++;
    }
  }

  rebuild(): void {
    this.items = [];
    this.head = 0;
    this.matchCount = 0;
    if (this.patterns) this.patterns = new PatternCounter();
    for (const entry of this.ring) {
      if (!this.passes(entry)) continue;
      this.items.push(entry);
      this.account(entry, 1);
    }
  }

  /** The next (or previous) visible index after `from` that matches the search, wrapping; -1 if none. */
  findMatch(from: number, direction: 1 | -1): number {
    const search = this.search;
    const n = this.length;
    if (!search || n === 0) return -1;
    for (let step = 1; step <= n; step++) {
      const index = (((from + direction * step) % n) + n) % n;
      if (search.test(plainText(this.at(index)!))) return index;
    }
    return -1;
  }

  /** Which match (1-based) an entry is, counting from the oldest visible line. */
  matchOrdinal(entry: LogEntry): number {
    const end = this.indexOf(entry);
    let n = 0;
    for (let i = 0; i <= end; i++) if (this.search?.test(plainText(this.at(i)!))) n++;
    return n;
  }

  /** The visible index of an entry (by its key and seq), or the nearest one after it. */
  indexOf(entry: LogEntry): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid)!.key < entry.key) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.length && this.at(i)!.key === entry.key; i++) if (this.at(i)!.seq === entry.seq) return i;
    return Math.min(lo, this.length - 1);
  }

  /** Visible entries, oldest first (for copy and download). */
  *entries(): IterableIterator<LogEntry> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!;
  }

  private account(entry: LogEntry, sign: 1 | -1): void {
    if (this.search?.test(plainText(entry))) this.matchCount += sign;
    this.countPattern(entry, sign);
  }

  private countPattern(entry: LogEntry, sign: 1 | -1): void {
    if (!this.patterns || entry.kind !== 'line') return;
    if (sign > 0) this.patterns.addPattern(this.groupOf(entry), linePattern(entry), entry.key, entry.text);
    else this.patterns.removePattern(this.groupOf(entry), linePattern(entry));
  }
}
