/** The printers' `translateTimestampSince`, so AGE cells read exactly like the apiserver's. */
import { humanDuration } from '../../../shared/model/human-duration';

export { humanDuration };

/** `<unknown>` for a missing timestamp, as the printers do for a zero time. */
export function since(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now.getTime() - t);
}

/** Go truncates metav1.Time to seconds on the wire; the creation time is compared at that grain. */
export function rfc3339Seconds(timestamp: unknown): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '0001-01-01T00:00:00Z';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? timestamp : `${new Date(t).toISOString().slice(0, 19)}Z`;
}
