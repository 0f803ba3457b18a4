import { describe, expect, it } from 'vitest';
import { normalizeTimestamp, ResumeCursor, TimestampedLineSplitter } from './log-cursor';

const ts = (s: string) => normalizeTimestamp(`2026-11-21T10:00:${s}Z`);

describe('ResumeCursor', () => {
  it('resumes from the last delivered second and skips what was delivered, counting lines that share a timestamp', () => {
    const cursor = new ResumeCursor();
    expect(cursor.sinceTime()).toBeUndefined();
    cursor.beginConnection();
    // A stack trace: three lines written at once share one timestamp; the connection drops after two.
    const first = [ts('01.5'), ts('02.100000001'), ts('02.3'), ts('02.3')];
    expect(first.map((t) => cursor.accept(t))).toEqual([true, true, true, true]);
    expect(cursor.sinceTime()).toBe('2026-11-21T10:00:02Z');

    cursor.beginConnection();
    // The server replays the whole second: the known lines go, the third trace line and later come.
    const replay = [ts('02.100000001'), ts('02.3'), ts('02.3'), ts('02.3'), ts('02.9'), ts('03.1')];
    expect(replay.map((t) => cursor.accept(t))).toEqual([false, false, false, true, true, true]);
  });

  it('a replay that brings nothing new delivers nothing', () => {
    const cursor = new ResumeCursor();
    cursor.beginConnection();
    cursor.accept(ts('05.25'));
    cursor.beginConnection();
    expect(cursor.accept(ts('05.1'))).toBe(false);
    expect(cursor.accept(ts('05.25'))).toBe(false);
    expect(cursor.accept(ts('05.26'))).toBe(true);
  });
});

describe('normalizeTimestamp', () => {
  it('pads fractions to nine digits and converts offsets to UTC so strings order by time', () => {
    expect(normalizeTimestamp('2026-11-21T10:00:02.5Z')).toBe('2026-11-21T10:00:02.500000000Z');
    expect(normalizeTimestamp('2026-11-21T10:00:02Z')).toBe('2026-11-21T10:00:02.000000000Z');
    expect(normalizeTimestamp('2026-11-21T12:00:02.123456789+02:00')).toBe('2026-11-21T10:00:02.123456789Z');
    expect(normalizeTimestamp('2026-11-21T10:00:02.000000001Z') > normalizeTimestamp('2026-11-21T10:00:02Z')).toBe(true);
  });
});

describe('TimestampedLineSplitter', () => {
  it('splits chunks at newlines, across chunk and UTF-8 boundaries, and keeps a cut-off line out', () => {
    const splitter = new TimestampedLineSplitter();
    const body = Buffer.from('2026-11-21T10:00:01.000000001Z héllo world\n2026-11-21T10:00:01.000000002Z second\r\n2026-11-21T10:00:02.000000003Z cut');
    const at = body.indexOf('é') + 1; // inside the two-byte é
    const lines = [...splitter.push(body.subarray(0, at)), ...splitter.push(body.subarray(at))];
    expect(lines).toEqual([
      { ts: '2026-11-21T10:00:01.000000001Z', text: 'héllo world' },
      { ts: '2026-11-21T10:00:01.000000002Z', text: 'second' },
    ]);
    expect(splitter.end()).toEqual([{ ts: '2026-11-21T10:00:02.000000003Z', text: 'cut' }]);
  });
});
