/**
 * ANSI-coloured log text as styled spans of plain text. Log text is untrusted: the result is data
 * ({text, colours, decorations}) for the viewer to render as text nodes, never markup. Colours are
 * either one of the 16 named terminal colours (themed by CSS) or an RGB triple validated here.
 */
import Anser from 'anser';

export type AnsiColour = { name: string } | { rgb: [number, number, number] };

export interface StyledSpan {
  text: string;
  fg?: AnsiColour;
  bg?: AnsiColour;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Set by `markRanges`: the span is part of a search match or a highlight rule. */
  mark?: MarkKind;
}

export type MarkKind = 'highlight' | 'match' | 'current';

const NAMED = /^ansi-((?:bright-)?(?:black|red|green|yellow|blue|magenta|cyan|white))$/;
const PALETTE = /^ansi-palette-(\d{1,3})$/;
const RGB = /^(\d{1,3}), (\d{1,3}), (\d{1,3})$/;
const BASE16 = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const CUBE = [0, 95, 135, 175, 215, 255];

/** xterm's 256-colour palette: 0–15 named, 16–231 a 6×6×6 cube, 232–255 greys. */
export function paletteColour(index: number): AnsiColour | undefined {
  if (!Number.isInteger(index) || index < 0 || index > 255) return undefined;
  if (index < 8) return { name: BASE16[index]! };
  if (index < 16) return { name: `bright-${BASE16[index - 8]!}` };
  if (index < 232) {
    const i = index - 16;
    return { rgb: [CUBE[Math.floor(i / 36)]!, CUBE[Math.floor(i / 6) % 6]!, CUBE[i % 6]!] };
  }
  const grey = 8 + (index - 232) * 10;
  return { rgb: [grey, grey, grey] };
}

function rgbOf(text: string | null): AnsiColour | undefined {
  const m = text ? RGB.exec(text) : null;
  if (!m) return undefined;
  const rgb = [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number];
  return rgb.every((c) => c <= 255) ? { rgb } : undefined;
}

function colourOf(cls: string | null, truecolor: string | null): AnsiColour | undefined {
  if (!cls) return undefined;
  if (cls === 'ansi-truecolor') return rgbOf(truecolor);
  const named = NAMED.exec(cls);
  if (named) return { name: named[1]! };
  const palette = PALETTE.exec(cls);
  return palette ? paletteColour(Number(palette[1])) : undefined;
}

/** Spans of a line; a line without escape sequences is one plain span (the common, cheap case). */
export function ansiSpans(text: string): StyledSpan[] {
  if (!text.includes('\u001b')) return [{ text }];
  const spans: StyledSpan[] = [];
  for (const entry of Anser.ansiToJson(text, { use_classes: true, remove_empty: true })) {
    if (entry.content === '') continue;
    const span: StyledSpan = { text: entry.content };
    // anser has already swapped the colours of reverse video.
    const fg = colourOf(entry.fg, entry.fg_truecolor);
    const bg = colourOf(entry.bg, entry.bg_truecolor);
    const decorations = new Set(entry.decorations);
    if (fg) span.fg = fg;
    if (bg) span.bg = bg;
    if (decorations.has('bold')) span.bold = true;
    if (decorations.has('dim')) span.dim = true;
    if (decorations.has('italic')) span.italic = true;
    if (decorations.has('underline')) span.underline = true;
    if (decorations.has('strikethrough')) span.strike = true;
    spans.push(span);
  }
  return spans;
}

export interface MarkRange {
  start: number;
  end: number;
  mark: MarkKind;
}

/** Where a regex matches in a text (empty matches skipped), capped so a pathological line stays cheap. */
export function findRanges(text: string, pattern: RegExp, mark: MarkKind, limit = 200): MarkRange[] {
  const ranges: MarkRange[] = [];
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  global.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (ranges.length < limit && (m = global.exec(text)) !== null) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    ranges.push({ start: m.index, end: m.index + m[0].length, mark });
  }
  return ranges;
}

const MARK_RANK: Record<MarkKind, number> = { highlight: 1, match: 2, current: 3 };

/**
 * Splits spans at the ranges' edges (offsets into the spans' concatenated text) and marks the
 * pieces inside them; where ranges overlap the stronger mark wins (current > match > highlight).
 */
export function markRanges(spans: StyledSpan[], ranges: MarkRange[]): StyledSpan[] {
  if (ranges.length === 0) return spans;
  const out: StyledSpan[] = [];
  let offset = 0;
  for (const span of spans) {
    const start = offset;
    const end = offset + span.text.length;
    offset = end;
    const cuts = new Set<number>([start, end]);
    for (const r of ranges) {
      if (r.start > start && r.start < end) cuts.add(r.start);
      if (r.end > start && r.end < end) cuts.add(r.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      let mark: MarkKind | undefined;
      for (const r of ranges) {
        if (r.start <= a && r.end >= b && (!mark || MARK_RANK[r.mark] > MARK_RANK[mark])) mark = r.mark;
      }
      const piece: StyledSpan = { ...span, text: span.text.slice(a - start, b - start) };
      if (mark) piece.mark = mark;
      else delete piece.mark;
      out.push(piece);
    }
  }
  return out;
}
