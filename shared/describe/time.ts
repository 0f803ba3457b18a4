/** kubectl's time renderings: RFC1123Z in the local zone, and HumanDuration ages. */
import type { DescribeContext } from './types';
import { humanDuration } from '../model/human-duration';

export { humanDuration };

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


/** translateTimestampSince: the age of a timestamp, `<unknown>` when it is unset. */
export function since(timestamp: unknown, ctx: DescribeContext): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? '<unknown>' : humanDuration(ctx.now - ms);
}

/** An unset metav1.Time formats as Go's zero time. */
export const time = (timestamp: unknown, ctx: DescribeContext): string =>
  typeof timestamp === 'string' && timestamp !== '' ? rfc1123z(timestamp, ctx.timeZone) : 'Mon, 01 Jan 0001 00:00:00 +0000';
