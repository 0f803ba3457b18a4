/**
 * Finds the line of a field the API server named (`spec.replicas`, `.spec.template.spec.containers[0].image`,
 * `spec.containers[name=web]`) in the YAML text, so its error can be marked where the user typed it.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

function segments(field: string): Array<string | number | { name: string }> {
  const out: Array<string | number | { name: string }> = [];
  for (const part of field.replace(/^\./, '').split('.')) {
    const match = /^([^[]*)((?:\[[^\]]+\])*)$/.exec(part);
    if (!match) return [];
    if (match[1]) out.push(match[1]);
    for (const [, index] of match[2]!.matchAll(/\[([^\]]+)\]/g)) {
      if (/^\d+$/.test(index!)) out.push(Number(index));
      else if (index!.startsWith('name=')) out.push({ name: index!.slice(5) });
      else return [];
    }
  }
  return out;
}

/** The 1-based line of the deepest part of `field` present in `text`, or undefined. */
export function lineOfField(text: string, field: string): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  let node: unknown = doc.contents;
  let found: Node | undefined;
  for (const seg of segments(field)) {
    if (typeof seg === 'string' && isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      found = (pair.key as Node | null) ?? found;
      node = pair.value;
    } else if (typeof seg === 'number' && isSeq(node)) {
      node = node.items[seg];
      if (!node) break;
      found = node as Node;
    } else if (typeof seg === 'object' && isSeq(node)) {
      node = node.items.find((item) => isMap(item) && item.get('name') === seg.name);
      if (!node) break;
      found = node as Node;
    } else break;
  }
  const offset = found?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}
