import { describe, expect, it } from 'vitest';
import { normalisePattern, OTHER_PATTERN, PatternCounter } from './log-patterns';

describe('normalisePattern', () => {
  it('replaces numbers, hex, UUIDs and quoted text', () => {
    expect(normalisePattern('10.244.3.17 - - "GET /api/cart HTTP/1.1" 200 5121')).toBe('<n> - - "…" <n> <n>');
    expect(normalisePattern("user 3f2c6a1e-9b7d-4c1a-8e2f-0a1b2c3d4e5f fetched 'cart' in 12.5ms")).toBe('user <uuid> fetched "…" in <n>ms');
    expect(normalisePattern('frame (0xc0001234) +0x4a at deadbeef42 sha 9f86d081884c7d65')).toBe('frame (<hex>) +<hex> at <hex> sha <hex>');
    expect(normalisePattern('\u001b[32m INFO\u001b[0m   order   placed')).toBe('INFO order placed');
  });

  it('keeps words that merely look like hex', () => {
    expect(normalisePattern('cafe facade added')).toBe('cafe facade added');
  });
});

describe('PatternCounter', () => {
  it('counts lines per pattern and per group, most frequent first, with the latest sample', () => {
    const counter = new PatternCounter();
    counter.add('web', 'GET /a 200 in 5ms', '1');
    counter.add('web', 'GET /a 200 in 7ms', '2');
    counter.add('web', 'cache miss for "x"', '3');
    counter.add('db', 'GET /a 200 in 9ms', '4');
    const summaries = counter.summaries();
    expect(summaries.map((s) => [s.group, s.pattern, s.count])).toEqual([
      ['web', 'GET /a <n> in <n>ms', 2],
      ['db', 'GET /a <n> in <n>ms', 1],
      ['web', 'cache miss for "…"', 1],
    ]);
    expect(summaries[0]!.sample).toBe('GET /a 200 in 7ms');
  });

  it('stays within its bound per group and counts the rest as other patterns', () => {
    const counter = new PatternCounter(3);
    for (const word of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) counter.add('c', `${word} happened`, word);
    counter.add('d', 'zeta happened', 'z');
    expect(counter.size).toBe(5);
    expect(counter.summaries().find((s) => s.pattern === OTHER_PATTERN)).toMatchObject({ group: 'c', count: 2 });
  });

  it('forgets removed lines and drops empty patterns', () => {
    const counter = new PatternCounter(1);
    counter.add('c', 'a 1', '1');
    counter.add('c', 'a 2', '2');
    counter.add('c', 'b', '3');
    counter.remove('c', 'a 1');
    expect(counter.summaries().map((s) => [s.pattern, s.count])).toEqual([
      [OTHER_PATTERN, 1],
      ['a <n>', 1],
    ]);
    counter.remove('c', 'b');
    counter.remove('c', 'a 2');
    expect(counter.size).toBe(0);
  });
});
