/** How tables write ages, CPU and memory: the way kubectl does. */
import { humanDuration } from '../../../shared/model/human-duration';

/** kubectl's age (HumanDuration): 45s, 5m10s, 95m, 4h30m, 20h, 3d4h, 40d, 2y. */
export function formatAge(since: string | undefined, now: number): string {
  if (!since) return '—';
  const then = Date.parse(since);
  if (Number.isNaN(then)) return '—';
  // Clock skew between host and cluster would read as a negative age: show 0s instead.
  return humanDuration(Math.max(0, now - then));
}

export function formatCpu(millis: number): string {
  if (millis % 1000 === 0) return String(millis / 1000);
  return `${millis}m`;
}

const UNITS = ['Ki', 'Mi', 'Gi', 'Ti'] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = '';
  for (const u of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value >= 100 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)}${unit}`;
}

/** Milliseconds since the epoch, or 0: a sort key for ISO timestamps. */
export function timeOf(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
