/**
 * Column alignment exactly as Go's text/tabwriter does it for kubectl describe (minwidth 0,
 * tabwidth 8, padding 2, padchar ' ', no flags). A cell is text terminated by a tab; the text after
 * the last tab of a line is not a cell and never padded. A column block is a run of consecutive lines
 * that all have a terminated cell in that column; its width is the widest cell plus the padding.
 * Returns the text and, for every line, the output column where each of its cells starts, so that
 * positions recorded in the raw text can be mapped onto the aligned text.
 */
const PADDING = 2;

export interface AlignedText {
  text: string;
  /** cellStarts[line][cell]: the column (UTF-16 index) where that cell starts in the output line. */
  cellStarts: number[][];
}

/** Go counts runes, not UTF-16 code units. */
const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export function alignTabs(raw: string): AlignedText {
  const lines = raw.split('\n').map((line) => line.split('\t'));
  const widths: number[] = [];
  const out: string[] = new Array<string>(lines.length);
  const cellStarts: number[][] = new Array<number[]>(lines.length);

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let text = '';
      const starts: number[] = [];
      cells.forEach((cell, j) => {
        starts.push(text.length);
        text += cell;
        if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j]! - runeCount(cell)));
      });
      out[i] = text;
      cellStarts[i] = starts;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let at = line0; at < line1; at++) {
      if (column >= lines[at]!.length - 1) continue;
      writeLines(line0, at);
      line0 = at;
      let width = 0;
      for (; at < line1; at++) {
        const cells = lines[at]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]!) + PADDING);
      }
      widths.push(width);
      format(line0, at);
      widths.pop();
      line0 = at;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return { text: out.join('\n'), cellStarts };
}
