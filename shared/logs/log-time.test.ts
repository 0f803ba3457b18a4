import { describe, expect, it } from 'vitest';
import { formatTimeKey, formatTimeKeyFull, timeKey } from './log-time';

describe('timeKey', () => {
  it('pads the fraction so keys sort as strings, nanoseconds kept', () => {
    const raw = ['2026-11-21T10:00:05.1234Z', '2026-11-21T10:00:05.123456789Z', '2026-11-21T10:00:05Z', '2026-11-21T10:00:04.9Z'];
    const keys = raw.map((t) => timeKey(t)!);
    expect(keys).toEqual(['2026-11-21T10:00:05.123400000Z', '2026-11-21T10:00:05.123456789Z', '2026-11-21T10:00:05.000000000Z', '2026-11-21T10:00:04.900000000Z']);
    expect([...keys].sort()).toEqual([keys[3], keys[2], keys[0], keys[1]]);
  });

  it('moves offsets to UTC and refuses what is no timestamp', () => {
    expect(timeKey('2026-11-21T12:00:05.5+02:00')).toBe('2026-11-21T10:00:05.500000000Z');
    expect(timeKey('yesterday')).toBeUndefined();
    expect(timeKey('2026-11-21T10:00:05')).toBeUndefined();
  });
});

describe('formatTimeKey', () => {
  it('shows UTC as written and local time through the Date API', () => {
    const key = '2026-11-21T10:00:05.123456789Z';
    expect(formatTimeKey(key, 'utc')).toBe('10:00:05.123');
    expect(formatTimeKeyFull(key, 'utc')).toBe('2026-11-21 10:00:05.123456789 UTC');
    const d = new Date('2026-11-21T10:00:05.123Z');
    expect(formatTimeKey(key, 'local')).toBe(`${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:05.123`);
    expect(formatTimeKeyFull(key, 'local')).toMatch(/^2026-11-2\d \d\d:\d\d:05\.123456789 [+-]\d\d:\d\d$/);
  });
});
