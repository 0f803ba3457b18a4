import { describe, expect, it } from 'vitest';
import { ansiSpans, findRanges, markRanges, paletteColour } from './ansi';

describe('ansiSpans', () => {
  it('turns SGR codes into styled spans of plain text', () => {
    expect(ansiSpans('\u001b[1;31mERROR\u001b[0m disk \u001b[38;5;200mfull\u001b[m \u001b[38;2;10;20;30mtc\u001b[0m \u001b[44;93mbb\u001b[0m')).toEqual([
      { text: 'ERROR', fg: { name: 'red' }, bold: true },
      { text: ' disk ' },
      { text: 'full', fg: { rgb: [255, 0, 215] } },
      { text: ' ' },
      { text: 'tc', fg: { rgb: [10, 20, 30] } },
      { text: ' ' },
      { text: 'bb', fg: { name: 'bright-yellow' }, bg: { name: 'blue' } },
    ]);
  });

  it('keeps markup in log text as text, never as markup', () => {
    const evil = '\u001b[31m<img src=x onerror=alert(1)>\u001b[0m&amp;<script>';
    expect(ansiSpans(evil)).toEqual([{ text: '<img src=x onerror=alert(1)>', fg: { name: 'red' } }, { text: '&amp;<script>' }]);
    expect(ansiSpans('<b>plain</b>')).toEqual([{ text: '<b>plain</b>' }]);
  });

  it('keeps anser\'s reverse video and drops non-colour sequences', () => {
    expect(ansiSpans('\u001b[7;32mrev\u001b[0m')).toEqual([{ text: 'rev', fg: { name: 'black' }, bg: { name: 'green' } }]);
    expect(ansiSpans('a\u001b[2Kb').map((s) => s.text).join('')).toBe('ab');
  });

  it('maps the 256-colour palette', () => {
    expect(paletteColour(1)).toEqual({ name: 'red' });
    expect(paletteColour(9)).toEqual({ name: 'bright-red' });
    expect(paletteColour(16)).toEqual({ rgb: [0, 0, 0] });
    expect(paletteColour(232)).toEqual({ rgb: [8, 8, 8] });
    expect(paletteColour(256)).toBeUndefined();
  });
});

describe('markRanges', () => {
  it('splits spans at match edges and marks the pieces, the stronger mark winning', () => {
    const spans = [{ text: 'hello ', fg: { name: 'red' } }, { text: 'world' }];
    const ranges = [...findRanges('hello world', /o w/, 'match'), ...findRanges('hello world', /wor/, 'highlight'), { start: 0, end: 1, mark: 'current' as const }];
    expect(markRanges(spans, ranges)).toEqual([
      { text: 'h', fg: { name: 'red' }, mark: 'current' },
      { text: 'ell', fg: { name: 'red' } },
      { text: 'o ', fg: { name: 'red' }, mark: 'match' },
      { text: 'w', mark: 'match' },
      { text: 'or', mark: 'highlight' },
      { text: 'ld' },
    ]);
  });

  it('finds every non-empty match, bounded', () => {
    expect(findRanges('aaa', /a*/, 'match')).toEqual([{ start: 0, end: 3, mark: 'match' }]);
    expect(findRanges('a'.repeat(500), /a/g, 'match', 10)).toHaveLength(10);
    expect(findRanges('abc', /x?/, 'match')).toEqual([]);
  });
});
