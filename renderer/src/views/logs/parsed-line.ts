/** Structured parses of entries, computed once per entry (rows re-render often; lines never change). */
import { parseLogLine, type ParsedLogLine } from '../../../../shared/logs/log-format';
import { normalisePattern } from '../../../../shared/logs/log-patterns';
import type { LogEntry } from './log-ring';

const cache = new WeakMap<LogEntry, ParsedLogLine>();
const patterns = new WeakMap<LogEntry, string>();

export function parsedLine(entry: LogEntry): ParsedLogLine {
  let parsed = cache.get(entry);
  if (!parsed) {
    parsed = parseLogLine(entry.text);
    cache.set(entry, parsed);
  }
  return parsed;
}

/**
 * A line's repeat pattern, normalised once (filters rebuild often): a structured line's level
 * and message, else its text.
 */
export function linePattern(entry: LogEntry): string {
  let pattern = patterns.get(entry);
  if (pattern === undefined) {
    const parsed = parsedLine(entry);
    pattern = normalisePattern(parsed.format === 'text' || parsed.message === undefined ? entry.text : `${parsed.level ?? ''} ${parsed.message}`);
    patterns.set(entry, pattern);
  }
  return pattern;
}
