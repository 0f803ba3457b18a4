/** kubectl's time renderings: RFC1123Z in the local zone, and HumanDuration ages. */
import type { DescribeContext } from './types';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Go's time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") of an API timestamp, in `timeZone`. */
export function rfc1123z(timestamp: string, timeZone: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  const at = new Date(Math.floor(ms / 1000) * 1000);
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((wallClock - at.getTime()) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const weekday = DAYS[new Date(wallClock).getUTCDay()];
  return `${weekday}, ${pad2(day)} ${MONTHS[month - 1]} ${year} ${pad2(hour)}:${pad2(minute)}:${pad2(second)} ${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
}

/** k8s.io/apimachinery duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24);
    const dy = days % 365;
    return dy === 0 ? `${Math.trunc(days / 365)}y` : `${Math.trunc(days / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: the age of a timestamp, `<unknown>` when it is unset. */
export function since(timestamp: unknown, ctx: DescribeContext): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? '<unknown>' : humanDuration(ctx.now - ms);
}

/** An unset metav1.Time formats as Go's zero time. */
export const time = (timestamp: unknown, ctx: DescribeContext): string =>
  typeof timestamp === 'string' && timestamp !== '' ? rfc1123z(timestamp, ctx.timeZone) : 'Mon, 01 Jan 0001 00:00:00 +0000';
