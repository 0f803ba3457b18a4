/**
 * Timestamps as ordering keys. The kubelet writes RFC 3339 with up to nine fraction digits and
 * trims trailing zeros (`…:05.1234Z`), so raw strings do not sort; padded to nine digits in UTC
 * they do, as plain strings, with the nanoseconds kept.
 */
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, or undefined for text that is no RFC 3339 timestamp. */
export function timeKey(ts: string): string | undefined {
  const m = RFC3339.exec(ts);
  if (!m) return undefined;
  const fraction = (m[3] ?? '').padEnd(9, '0');
  if (m[4] === 'Z' || m[4] === 'z') return `${m[1]}T${m[2]}.${fraction}Z`;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[4]}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}Z`;
}

export type TimeZoneMode = 'local' | 'utc';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A key as the viewer's time column shows it: `HH:MM:SS.mmm`, in UTC or local time. */
export function formatTimeKey(key: string, mode: TimeZoneMode): string {
  if (mode === 'utc') return key.slice(11, 23);
  const d = new Date(key.slice(0, 23) + 'Z');
  if (Number.isNaN(d.getTime())) return key;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The full timestamp for a tooltip or a copied line: date, time with nanoseconds, zone. */
export function formatTimeKeyFull(key: string, mode: TimeZoneMode): string {
  if (mode === 'utc') return `${key.slice(0, 10)} ${key.slice(11, 29)} UTC`;
  const d = new Date(key.slice(0, 23) + 'Z');
  if (Number.isNaN(d.getTime())) return key;
  const offset = -d.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTimeKey(key, 'local')}${key.slice(23, 29)} ${zone}`;
}
