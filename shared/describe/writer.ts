/**
 * kubectl's PrefixWriter over a tab-aligned buffer: each write is prefixed with two spaces per level
 * (once per call, not per line, exactly like kubectl), and `ref` marks text that names another object
 * so the aligned output can carry links.
 */
import type { ObjectRef } from '../model/object-ref';
import { alignTabs } from './tabwriter';
import type { DescribeLink, DescribeResult } from './types';

interface PendingLink {
  offset: number;
  length: number;
  target: ObjectRef;
}

export class DescribeWriter {
  private readonly chunks: string[] = [];
  private length = 0;
  private readonly pending: PendingLink[] = [];

  write(level: number, text: string): void {
    this.append('  '.repeat(level) + text);
  }

  /** Writes `text` as a link to `target` when there is one, plain text otherwise. */
  ref(text: string, target: ObjectRef | undefined): void {
    const offset = this.length;
    this.append(text);
    if (target && this.length > offset) this.pending.push({ offset, length: this.length - offset, target });
  }

  result(): DescribeResult {
    const raw = this.chunks.join('');
    const aligned = alignTabs(raw);
    const lineStarts = [0];
    for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const links: DescribeLink[] = this.pending.map(({ offset, length, target }) => {
      const line = upperBound(lineStarts, offset) - 1;
      const inLine = raw.slice(lineStarts[line], offset);
      const cell = inLine.split('\t').length - 1;
      const cellOffset = inLine.length - inLine.lastIndexOf('\t') - 1;
      const start = aligned.cellStarts[line]![cell]! + cellOffset;
      return { line, start, end: start + length, target };
    });
    return { text: aligned.text, links };
  }

  private append(text: string): void {
    // kubectl escapes terminal control characters so object content cannot drive the terminal.
    const safe = escapeControls(text);
    this.chunks.push(safe);
    this.length += safe.length;
  }
}

/** Index of the first element greater than `value` in a sorted array. */
function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Control characters other than tab and newline as caret notation (ESC -> ^[), like kubectl. */
function escapeControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const control = (code < 0x20 && code !== 9 && code !== 10) || code === 0x7f;
    out += control ? `^${String.fromCharCode(code ^ 0x40)}` : ch;
  }
  return out;
}
