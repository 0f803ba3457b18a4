/**
 * "Collapse repeats": lines that differ only in numbers, hex, UUIDs and quoted text share a
 * pattern (Coroot's normalisation). Patterns are counted per group (a container) and bounded per
 * group, so a chatty container cannot grow the index without limit; the rest is counted as "other".
 */
import { stripAnsi } from './log-format';

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX = /\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
const NUMBER = /\d+(?:\.\d+)*/g;
const SPACES = /\s+/g;

/** The pattern of a line: variable parts replaced by placeholders, whitespace collapsed. */
export function normalisePattern(text: string): string {
  return stripAnsi(text)
    .replace(QUOTED, '"…"')
    .replace(UUID, '<uuid>')
    .replace(HEX, '<hex>')
    .replace(NUMBER, '<n>')
    .replace(SPACES, ' ')
    .trim();
}

export const PATTERNS_PER_GROUP = 256;
/** The bucket a group's lines fall into once it holds its limit of patterns. */
export const OTHER_PATTERN = '(other patterns)';

export interface PatternSummary {
  group: string;
  pattern: string;
  count: number;
  /** The most recent line of this pattern, as printed. */
  sample: string;
  /** Sort key of the most recent line (normalised timestamp). */
  lastKey: string;
}

export class PatternCounter {
  private readonly groups = new Map<string, Map<string, PatternSummary>>();

  constructor(private readonly limitPerGroup = PATTERNS_PER_GROUP) {}

  /** Counts a line; `sample` is the line as printed when `text` is only what its pattern is made of. */
  add(group: string, text: string, key: string, sample = text): void {
    this.addPattern(group, normalisePattern(text), key, sample);
  }

  /** Counts a line whose pattern is already normalised (callers that cache patterns per line). */
  addPattern(group: string, normalised: string, key: string, sample: string): void {
    let patterns = this.groups.get(group);
    if (!patterns) {
      patterns = new Map();
      this.groups.set(group, patterns);
    }
    const pattern = !patterns.has(normalised) && patterns.size >= this.limitPerGroup ? OTHER_PATTERN : normalised;
    const summary = patterns.get(pattern);
    if (summary) {
      summary.count++;
      if (key >= summary.lastKey) {
        summary.sample = sample;
        summary.lastKey = key;
      }
    } else {
      patterns.set(pattern, { group, pattern, count: 1, sample, lastKey: key });
    }
  }

  /** Forgets one line (evicted from the buffer); its pattern goes when its count reaches zero. */
  remove(group: string, text: string): void {
    this.removePattern(group, normalisePattern(text));
  }

  removePattern(group: string, normalised: string): void {
    const patterns = this.groups.get(group);
    if (!patterns) return;
    const pattern = patterns.has(normalised) ? normalised : OTHER_PATTERN;
    const summary = patterns.get(pattern);
    if (!summary) return;
    if (--summary.count <= 0) patterns.delete(pattern);
    if (patterns.size === 0) this.groups.delete(group);
  }

  /** Every pattern, most frequent first (ties: most recent first). */
  summaries(): PatternSummary[] {
    const all: PatternSummary[] = [];
    for (const patterns of this.groups.values()) all.push(...patterns.values());
    return all.sort((a, b) => b.count - a.count || (a.lastKey < b.lastKey ? 1 : a.lastKey > b.lastKey ? -1 : 0));
  }

  get size(): number {
    let n = 0;
    for (const patterns of this.groups.values()) n += patterns.size;
    return n;
  }
}
