/**
 * Section-by-section comparison of describe text with kubectl's recorded output, for the golden
 * tests. Only what legitimately differs between a recording and a re-render is normalised: local
 * times (to a same-width placeholder, so alignment is still checked) and ages (the Age column of
 * events and node pods; those rows are compared field by field since ages change column widths).
 */
export interface Section {
  title: string;
  lines: string[];
}

const TIME = /[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g;
const AGE = /^(?:<unknown>|<invalid>|\d+[smhdy](?:\d+[smhdy])?)$/;

/** A section starts at every line that is not indented (and not blank). */
export function sections(text: string): Section[] {
  const out: Section[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (line !== '' && !line.startsWith(' ') && !line.startsWith('\t')) out.push({ title: line.split(':')[0]!, lines: [] });
    if (out.length === 0) out.push({ title: '', lines: [] });
    out[out.length - 1]!.lines.push(line);
  }
  return out;
}

const normaliseTimes = (line: string): string => line.replace(TIME, (t) => '<time>'.padEnd(t.length, '~'));

/** Fields of a table row, with the age field (by index from the end when negative) replaced. */
function withoutAge(line: string, ageField: number): string {
  const fields = line.trim().split(/\s{2,}/);
  const i = ageField < 0 ? fields.length + ageField : ageField;
  if (fields[i] !== undefined && AGE.test(fields[i]!)) fields[i] = '<age>';
  return fields.join(' | ');
}

export type EventsMode = 'exact' | 'subset';

export interface CompareOptions {
  /** 'subset': events after the object recordings were not recorded, so every rendered row must be among kubectl's. */
  events?: EventsMode;
  /** Extra same-width substitutions for generated names that differ between recordings. */
  replace?: Array<[RegExp, string]>;
}

export function normaliseSection(section: Section, options: CompareOptions = {}): string[] {
  const apply = (line: string): string => {
    let out = normaliseTimes(line);
    for (const [pattern, by] of options.replace ?? []) out = out.replace(pattern, by);
    return out;
  };
  if (section.title === 'Events' && section.lines.length > 1) {
    // Header and rule rows align to the widest age: compare the rows' fields, not their padding.
    return section.lines.map((line, i) => (i === 0 ? line : withoutAge(apply(line), 2)));
  }
  if (section.title === 'Non-terminated Pods') {
    return section.lines.map((line, i) => (i < 3 ? apply(line) : withoutAge(apply(line), -1)));
  }
  return section.lines.map(apply);
}

/** Differences as readable messages; empty when the texts agree. */
export function compareDescribe(actual: string, expected: string, options: CompareOptions = {}): string[] {
  const a = sections(actual);
  const e = sections(expected);
  const problems: string[] = [];
  const titles = (list: Section[]): string => list.map((s) => s.title).join(' / ');
  if (titles(a) !== titles(e)) problems.push(`sections differ:\n  actual:   ${titles(a)}\n  expected: ${titles(e)}`);
  const used = new Set<Section>();
  for (const expectedSection of e) {
    const actualSection = a.find((s) => s.title === expectedSection.title && !used.has(s));
    if (!actualSection) continue;
    used.add(actualSection);
    const got = normaliseSection(actualSection, options);
    const want = normaliseSection(expectedSection, options);
    if (expectedSection.title === 'Events' && options.events === 'subset') {
      const rows = got.length > 1 ? got.slice(3) : [];
      const missing = rows.filter((row) => !want.includes(row));
      if (missing.length > 0) problems.push(`Events rows not in kubectl's output:\n  ${missing.join('\n  ')}\nkubectl:\n  ${want.join('\n  ')}`);
      continue;
    }
    if (got.join('\n') !== want.join('\n')) problems.push(`section "${expectedSection.title}" differs:\n--- actual\n${got.join('\n')}\n--- expected\n${want.join('\n')}`);
  }
  return problems;
}
