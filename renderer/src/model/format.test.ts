import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatCpu } from './format';

describe('formatAge (kubectl HumanDuration)', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  it.each([
    [5, '5s'],
    [119, '119s'],
    [125, '2m5s'],
    [600, '10m'],
    [179 * 60, '179m'],
    [4 * 3600 + 30 * 60, '4h30m'],
    [20 * 3600, '20h'],
    [3 * 86400 + 4 * 3600, '3d4h'],
    [40 * 86400, '40d'],
    // Between 2 and 8 years HumanDuration keeps the days: 800 d is 2y70d.
    [800 * 86400, '2y70d'],
    [9 * 365 * 86400, '9y'],
    [-30, '0s'],
  ])('%i s ago is %s', (seconds, text) => expect(formatAge(ago(seconds), now)).toBe(text));
  it('says — for a missing or bad time', () => {
    expect(formatAge(undefined, now)).toBe('—');
    expect(formatAge('nope', now)).toBe('—');
  });
});

describe('quantities', () => {
  it('writes CPU as cores or millicores', () => {
    expect(formatCpu(4000)).toBe('4');
    expect(formatCpu(250)).toBe('250m');
  });
  it('writes memory in binary units', () => {
    expect(formatBytes(8 * 1024 ** 3)).toBe('8Gi');
    expect(formatBytes(1536 * 1024 ** 2)).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512');
  });
});
