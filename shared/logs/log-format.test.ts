import { describe, expect, it } from 'vitest';
import { normaliseLevel, parseLogfmtPairs, parseLogLine, stripAnsi, textLevel } from './log-format';

describe('parseLogLine', () => {
  it('reads a zap JSON line into level, message and fields (time left out)', () => {
    const line = JSON.stringify({ level: 'warn', ts: '2026-11-21T10:00:00Z', caller: 'cart/handler.go:88', msg: 'slow request', userId: 'u-1', latencyMs: 912, tags: ['a'] });
    expect(parseLogLine(line)).toEqual({
      format: 'json',
      level: 'warn',
      message: 'slow request',
      fields: [
        { key: 'caller', value: 'cart/handler.go:88' },
        { key: 'userId', value: 'u-1' },
        { key: 'latencyMs', value: '912' },
        { key: 'tags', value: '["a"]' },
      ],
    });
  });

  it('knows pino numbers and other level spellings', () => {
    expect(parseLogLine('{"level":50,"time":1,"msg":"boom"}').level).toBe('error');
    expect(parseLogLine('{"severity":"WARNING","message":"m"}').level).toBe('warn');
    expect(parseLogLine('{"@l":"Fatal","@mt":"x"}')).toMatchObject({ level: 'fatal', message: 'x' });
    expect(normaliseLevel('dpanic')).toBe('fatal');
    expect(normaliseLevel('nonsense')).toBeUndefined();
  });

  it('keeps a level field it cannot read as a field', () => {
    expect(parseLogLine('{"level":"chatty","msg":"x"}')).toEqual({ format: 'json', message: 'x', fields: [{ key: 'level', value: 'chatty' }] });
  });

  it('reads logfmt with quoted values and escapes', () => {
    const line = 'ts=2026-11-21T10:00:00Z caller=collector.go:120 level=info collector=cpu msg="collect took \\"4.2\\"ms" dry';
    expect(parseLogLine(line)).toEqual({
      format: 'logfmt',
      level: 'info',
      message: 'collect took "4.2"ms',
      fields: [
        { key: 'caller', value: 'collector.go:120' },
        { key: 'collector', value: 'cpu' },
        { key: 'dry', value: 'true' },
      ],
    });
  });

  it('leaves text that merely contains = as text', () => {
    for (const line of [
      'LOG:  duration: 4.2 ms  statement: SELECT * FROM orders WHERE id = 7',
      'a=1 and then some words',
      'x="unterminated y=2',
      'key=1',
      '{"not":"closed"',
      '[1,2]',
    ]) {
      expect(parseLogLine(line).format, line).toBe('text');
    }
    expect(parseLogfmtPairs('a=1 b=2')).toEqual([['a', '1'], ['b', '2']]);
  });

  it('guesses a plain line’s level only from a stated level word', () => {
    expect(textLevel('2026-11-21 10:00:00.000 \u001b[31mERROR\u001b[0m 1 --- [exec-1] c.e.Checkout : Request failed')).toBe('error');
    expect(textLevel('2026-11-21 10:00:00.000 \u001b[33m WARN\u001b[0m 1 --- [exec-1] x')).toBe('warn');
    expect(textLevel('panic: runtime error: invalid memory address')).toBe('fatal');
    expect(textLevel('[12:00:00] ERROR: disk full')).toBe('error');
    expect(textLevel('an error happened in information retrieval')).toBeUndefined();
    expect(parseLogLine('10.0.0.1 - - "GET / HTTP/1.1" 200')).toEqual({ format: 'text', fields: [] });
  });

  it('strips ANSI sequences', () => {
    expect(stripAnsi('\u001b[1;31mred\u001b[0m plain \u001b[38;5;200mpink\u001b[m')).toBe('red plain pink');
    expect(stripAnsi('plain')).toBe('plain');
  });
});
