/**
 * Structured log lines: JSON objects (zap, logrus, pino, bunyan, slog, Serilog) and logfmt
 * (`ts=… level=info msg="…"`) become fields with a level; other lines keep their text and get a
 * level only when they state one plainly (`ERROR`, `WARN`, Go's `panic:`).
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogField {
  key: string;
  value: string;
}

export interface ParsedLogLine {
  format: 'json' | 'logfmt' | 'text';
  level?: LogLevel;
  /** The message field of a structured line. */
  message?: string;
  /** Every other field, in the line's order (time and level left out: they have columns). */
  fields: LogField[];
}

const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'log.level', '@l', 'levelname'];
const MESSAGE_KEYS = ['msg', 'message', '@m', '@mt', 'event'];
const TIME_KEYS = ['ts', 'time', 'timestamp', '@t', '@timestamp', 't'];

const LEVEL_WORDS: Record<string, LogLevel> = {
  trace: 'trace', trc: 'trace', verbose: 'trace',
  debug: 'debug', dbg: 'debug',
  info: 'info', inf: 'info', information: 'info', notice: 'info',
  warn: 'warn', warning: 'warn', wrn: 'warn',
  error: 'error', err: 'error', eror: 'error',
  fatal: 'fatal', crit: 'fatal', critical: 'fatal', panic: 'fatal', dpanic: 'fatal', emerg: 'fatal', alert: 'fatal',
};

/** A level from a level field's value: a word, or pino/bunyan's numbers (10 trace … 60 fatal). */
export function normaliseLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'number') {
    if (value >= 60) return 'fatal';
    if (value >= 50) return 'error';
    if (value >= 40) return 'warn';
    if (value >= 30) return 'info';
    if (value >= 20) return 'debug';
    return 'trace';
  }
  if (typeof value !== 'string') return undefined;
  return LEVEL_WORDS[value.trim().toLowerCase()];
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function fromEntries(format: 'json' | 'logfmt', entries: Array<[string, unknown]>): ParsedLogLine {
  const parsed: ParsedLogLine = { format, fields: [] };
  let levelTaken = false;
  let messageTaken = false;
  let timeTaken = false;
  for (const [key, value] of entries) {
    const lower = key.toLowerCase();
    if (!levelTaken && LEVEL_KEYS.includes(lower)) {
      const level = normaliseLevel(value);
      if (level) {
        parsed.level = level;
        levelTaken = true;
        continue;
      }
    }
    if (!messageTaken && MESSAGE_KEYS.includes(lower) && typeof value === 'string') {
      parsed.message = value;
      messageTaken = true;
      continue;
    }
    // The viewer already has the kubelet's timestamp; the line's own is noise beside it.
    if (!timeTaken && TIME_KEYS.includes(lower) && (typeof value === 'string' || typeof value === 'number')) {
      timeTaken = true;
      continue;
    }
    parsed.fields.push({ key, value: stringify(value) });
  }
  return parsed;
}

function parseJson(text: string): ParsedLogLine | undefined {
  const trimmed = text.trim();
  if (trimmed.length < 2 || trimmed[0] !== '{' || trimmed[trimmed.length - 1] !== '}') return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return fromEntries('json', Object.entries(value));
  } catch {
    return undefined;
  }
}

const LOGFMT_KEY = /[A-Za-z_@.][\w.@/-]*/y;

/** logfmt pairs, or undefined when the line is not logfmt (any stray text, fewer than two pairs). */
export function parseLogfmtPairs(text: string): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n) break;
    LOGFMT_KEY.lastIndex = i;
    const key = LOGFMT_KEY.exec(text);
    if (!key) return undefined;
    i = LOGFMT_KEY.lastIndex;
    if (text[i] !== '=') {
      // A bare key is a boolean flag in logfmt; only when followed by a space or the end.
      if (i < n && text[i] !== ' ') return undefined;
      pairs.push([key[0], 'true']);
      continue;
    }
    i++;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i]!;
        if (ch === '\\' && i + 1 < n) {
          const next = text[i + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      if (!closed || (i < n && text[i] !== ' ')) return undefined;
    } else {
      const start = i;
      while (i < n && text[i] !== ' ') i++;
      value = text.slice(start, i);
      if (value.includes('"')) return undefined;
    }
    pairs.push([key[0], value]);
  }
  return pairs.filter(([, v]) => v !== 'true').length >= 2 ? pairs : undefined;
}

const TEXT_LEVEL = /(?:^|[\s[(|:])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|PANIC)(?=$|[\s\]):|])|^(panic|fatal error):/;
// ESC is the point of this pattern.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Removes ANSI escape sequences (colour codes) from a line. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

/** A plain line's level when it states one in capitals near its start. */
export function textLevel(text: string): LogLevel | undefined {
  const head = stripAnsi(text.length > 160 ? text.slice(0, 160) : text);
  const m = TEXT_LEVEL.exec(head);
  if (!m) return undefined;
  return LEVEL_WORDS[(m[1] ?? m[2] ?? '').toLowerCase()] ?? 'fatal';
}

export function parseLogLine(text: string): ParsedLogLine {
  const json = parseJson(text);
  if (json) return json;
  if (text.includes('=')) {
    const pairs = parseLogfmtPairs(text.trim());
    if (pairs) return fromEntries('logfmt', pairs);
  }
  const level = textLevel(text);
  return level ? { format: 'text', level, fields: [] } : { format: 'text', fields: [] };
}
