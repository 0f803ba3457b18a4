import { describe, expect, it } from 'vitest';
import type { LogFeedEvent, LogStreamInfo } from '../../../../shared/model/logs';
import type { EventRow } from '../../../../shared/model/rows';
import { LogRing, type LogEntry } from './log-ring';
import { LogSession } from './log-session';

const ts = (second: number, fraction = '') => `2026-11-21T10:00:${String(second).padStart(2, '0')}${fraction}Z`;
const stream = (id: number, pod: string, state: LogStreamInfo['state'] = 'streaming'): LogStreamInfo => ({ id, cluster: 'demo', namespace: 'shop', pod, container: 'app', state });
const lines = (streamId: number, ...items: Array<[number, string]>): LogFeedEvent => ({ type: 'lines', lines: items.map(([s, text]) => ({ stream: streamId, ts: ts(s), text })) });
const texts = (session: LogSession) => [...session.lines.entries()].map((e) => e.text);

function entry(key: string, seq: number): LogEntry {
  return { key, seq, kind: 'line', stream: 0, text: String(seq) };
}

describe('LogRing', () => {
  it('merges a late batch into the tail and keeps equal keys in arrival order', () => {
    const ring = new LogRing(10);
    ring.insert([entry('a', 0), entry('c', 1), entry('e', 2)]);
    const result = ring.insert([entry('b', 3), entry('c', 4), entry('d', 5)]);
    expect(result.from).toBe(1);
    expect([...ring].map((e) => `${e.key}${e.seq}`)).toEqual(['a0', 'b3', 'c1', 'c4', 'd5', 'e2']);
  });

  it('evicts the oldest entries once full, and batches older than a full ring', () => {
    const ring = new LogRing(3);
    ring.insert([entry('b', 0), entry('c', 1), entry('d', 2)]);
    const appended = ring.insert([entry('e', 3)]);
    expect(appended).toMatchObject({ from: 2 });
    expect(appended.evicted.map((e) => e.seq)).toEqual([0]);
    const old = ring.insert([entry('a', 4)]);
    expect(old.from).toBe(0);
    expect(old.evicted.map((e) => e.seq)).toEqual([4]);
    expect(old.evicted[0]!.gone).toBe(true);
    expect([...ring].map((e) => e.key)).toEqual(['c', 'd', 'e']);
    expect(ring.evictedTotal).toBe(2);
  });

  it('holds 100k lines and merges a stream’s backlog without re-sorting everything', () => {
    const ring = new LogRing();
    const live: LogEntry[] = [];
    for (let i = 0; i < 120_000; i++) live.push(entry(String(1_000_000 + i), i));
    for (let i = 0; i < live.length; i += 500) ring.insert(live.slice(i, i + 500));
    expect(ring.length).toBe(100_000);
    expect(ring.at(0).seq).toBe(20_000);
    const started = performance.now();
    const backlog = Array.from({ length: 200 }, (_, i) => entry(String(1_119_900 + i) + '.5', 200_000 + i));
    const { from } = ring.insert(backlog);
    expect(performance.now() - started).toBeLessThan(50);
    // After the 1119900 entry, shifted by the 200 the full ring evicted for the batch.
    expect(from).toBe(99_901 - 200);
    for (let i = 1; i < ring.length; i++) expect(ring.at(i - 1).key <= ring.at(i).key).toBe(true);
  });
});

describe('LogSession', () => {
  it('interleaves streams and events by timestamp, whatever order batches arrive in', () => {
    const session = new LogSession();
    session.apply([{ type: 'streams', streams: [stream(1, 'web-a'), stream(2, 'web-b')] }, lines(1, [1, 'a1'], [5, 'a5'])]);
    session.apply([lines(2, [2, 'b2'], [6, 'b6'])]);
    const event: EventRow = {
      key: 'demo/events/shop/e1', cluster: 'demo', kind: 'events', namespace: 'shop', name: 'e1', uid: 'u', rv: '1', createdAt: ts(0),
      type: 'Normal', reason: 'Scaled', message: 'Scaled up to 2', count: 1, lastSeen: ts(3), involved: { kind: 'Deployment', name: 'web' },
    };
    session.apply([{ type: 'events', events: [event, event] }, { type: 'marker', stream: 1, ts: ts(4), kind: 'restarted', text: 'container restarted' }]);
    expect(texts(session)).toEqual(['a1', 'b2', 'Scaled up to 2', 'container restarted', 'a5', 'b6']);
    expect(session.lines.at(2)!.kind).toBe('event');
    expect(session.received).toBe(4);
    expect(session.podCount()).toBe(2);
  });

  it('filters incrementally exactly as a full rebuild would', () => {
    const session = new LogSession(50);
    session.apply([{ type: 'streams', streams: [stream(1, 'web-a'), stream(2, 'web-b')] }]);
    session.lines.setFilter({ include: /GET|error/, exclude: /healthz/, hiddenStreams: new Set(), showEvents: true });
    session.lines.setSearch(/error/i);
    for (let round = 0; round < 30; round++) {
      const a: Array<[number, string]> = [[round, `GET /p${round}`], [round, `GET /healthz`]];
      const b: Array<[number, string]> = [[Math.max(0, round - 3), `error ${round}`], [round, `POST ${round}`]];
      session.apply([lines(1, ...a), lines(2, ...b)]);
    }
    const incremental = texts(session);
    const matches = session.lines.matchCount;
    session.lines.rebuild();
    session.lines.setSearch(/error/i);
    expect(incremental).toEqual(texts(session));
    expect(matches).toBe(session.lines.matchCount);
    expect(incremental.every((t) => /GET|error/.test(t) && !t.includes('healthz'))).toBe(true);
    expect(session.ring.length).toBe(50);
  });

  it('counts new lines, hides streams, finds matches and collapses repeats', () => {
    const session = new LogSession();
    session.apply([{ type: 'streams', streams: [stream(1, 'web-a'), stream(2, 'web-b', 'waiting')] }, lines(1, [1, 'took 5ms'], [2, 'took 7ms'], [3, 'boom "x"'])]);
    const before = session.lines.added;
    session.apply([lines(2, [4, 'took 9ms'])]);
    expect(session.lines.added - before).toBe(1);
    session.lines.setCollapse(true);
    expect(session.lines.patterns!.summaries().map((s) => [s.group, s.pattern, s.count])).toEqual([
      ['web-a/app', 'took <n>ms', 2],
      ['web-b/app', 'took <n>ms', 1],
      ['web-a/app', 'boom "…"', 1],
    ]);
    session.lines.setSearch(/took/);
    expect(session.lines.findMatch(0, 1)).toBe(1);
    expect(session.lines.findMatch(1, 1)).toBe(3);
    expect(session.lines.findMatch(3, 1)).toBe(0);
    expect(session.lines.findMatch(0, -1)).toBe(3);
    expect(session.lines.matchOrdinal(session.lines.at(3)!)).toBe(3);
    expect(session.lines.indexOf(session.lines.at(2)!)).toBe(2);
    session.lines.setFilter({ hiddenStreams: new Set([1]), showEvents: true });
    expect(texts(session)).toEqual(['took 9ms']);
    expect(session.streamCounts()).toMatchObject({ streaming: 1, waiting: 1 });
    session.apply([{ type: 'overflow', dropped: 12 }, { type: 'capacity', active: 50, waiting: 3, limit: 50, cluster: 'a' }, { type: 'capacity', active: 2, waiting: 1, limit: 2, cluster: 'b' }]);
    expect(session.dropped).toBe(12);
    expect(session.capacity.get('a')).toEqual({ active: 50, waiting: 3, limit: 50 });
    expect(session.waiting()).toBe(4);
  });
});

describe('collapse repeats on structured lines', () => {
  it('groups JSON lines by level and message, keeping the printed line as the sample', () => {
    const session = new LogSession();
    const json = (msg: string, n: number) => JSON.stringify({ level: 'info', ts: 'x', msg, userId: `u-${n}` });
    session.apply([{ type: 'streams', streams: [stream(1, 'cart-a')] }, lines(1, [1, json('cart fetched', 1)], [2, json('cart fetched', 2)], [3, json('slow request', 3)])]);
    session.lines.setCollapse(true);
    expect(session.lines.patterns!.summaries().map((s) => [s.pattern, s.count, s.sample])).toEqual([
      ['info cart fetched', 2, json('cart fetched', 2)],
      ['info slow request', 1, json('slow request', 3)],
    ]);
  });
});
