/** Helpers shared by every describer: labels, annotations, tolerations, events, owner links. */
import { KINDS, type KindId } from '../model/kinds';
import type { ObjectRef } from '../model/object-ref';
import { arr, at, byString, num, obj, str, strMap, type Json } from './json';
import { since } from './time';
import type { DescribeContext } from './types';
import type { DescribeWriter } from './writer';

const KIND_BY_NAME = new Map<string, KindId>(KINDS.map((k) => [k.kind, k.id]));
const CLUSTER_SCOPED = new Set<string>(KINDS.filter((k) => !k.namespaced).map((k) => k.kind));

/** A link target for `kind`/`name`, when Loupe knows that kind. */
export function refTo(ctx: DescribeContext, kind: string, name: string, namespace?: string): ObjectRef | undefined {
  const id = KIND_BY_NAME.get(kind);
  if (!id || !name) return undefined;
  return CLUSTER_SCOPED.has(kind) ? { cluster: ctx.cluster, kind: id, name } : { cluster: ctx.cluster, kind: id, namespace, name };
}

export const meta = (o: Json): Json => obj(o.metadata);
export const namespaceOf = (o: Json): string => str(meta(o).namespace);

/** The owner reference marked controller, like metav1.GetControllerOf. */
export const controllerOf = (o: Json): Json | undefined => arr(meta(o).ownerReferences).find((r) => r.controller === true);

/** "Controlled By:" with the owner as a link (kubectl prints it only when there is one). */
export function writeControlledBy(w: DescribeWriter, o: Json, ctx: DescribeContext): void {
  const owner = controllerOf(o);
  if (!owner) return;
  w.write(0, 'Controlled By:\t');
  w.ref(`${str(owner.kind)}/${str(owner.name)}`, refTo(ctx, str(owner.kind), str(owner.name), namespaceOf(o)));
  w.write(0, '\n');
}

/** printLabelsMultilineWithIndent. */
export function writeLabels(w: DescribeWriter, title: string, labels: unknown, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const map = strMap(labels);
  const keys = Object.keys(map).sort(byString);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${key}=${map[key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** printAnnotationsMultiline: long or multi-line values go on their own indented lines. */
export function writeAnnotations(w: DescribeWriter, title: string, annotations: unknown): void {
  w.write(0, `${title}:\t`);
  const map = strMap(annotations);
  const keys = Object.keys(map).filter((k) => k !== LAST_APPLIED).sort(byString);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = map[key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) {
        const short = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        w.write(0, `\t  ${short}\n`);
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent. */
export function writeTolerations(w: DescribeWriter, title: string, tolerations: unknown): void {
  w.write(0, `${title}:\t`);
  const list = arr(tolerations);
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const sorted = [...list].sort((a, b) => byString(str(a.key), str(b.key)));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let line = str(t.key);
    if (str(t.value)) line += `=${str(t.value)}`;
    if (str(t.effect)) line += `:${str(t.effect)}`;
    if (t.operator === 'Exists' && !str(t.value)) line += str(t.key) || str(t.effect) ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') line += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${line}\n`);
  });
}

/** printNodeTaintsMultiline: sorted by effect then key. */
export function writeTaints(w: DescribeWriter, title: string, taints: unknown): void {
  w.write(0, `${title}:\t`);
  const list = arr(taints);
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const cmp = (t: Json): string => `${str(t.effect)},${str(t.key)}`;
  [...list].sort((a, b) => byString(cmp(a), cmp(b))).forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = str(t.value) ? `=${str(t.value)}` : '';
    w.write(0, `${str(t.key)}${value}:${str(t.effect)}\n`);
  });
}

/** labels.Selector.String() of a LabelSelector: requirements sorted by key, '' when empty. */
export function selectorString(selector: unknown): string {
  const s = obj(selector);
  const parts: Array<[string, string]> = [];
  const labels = strMap(s.matchLabels);
  for (const key of Object.keys(labels)) parts.push([key, `${key}=${labels[key]}`]);
  for (const e of arr(s.matchExpressions)) {
    const values = (Array.isArray(e.values) ? e.values.map(String) : []).sort(byString);
    const key = str(e.key);
    const text =
      e.operator === 'In' ? `${key} in (${values.join(',')})`
      : e.operator === 'NotIn' ? `${key} notin (${values.join(',')})`
      : e.operator === 'Exists' ? key
      : e.operator === 'DoesNotExist' ? `!${key}`
      : `${key} ${str(e.operator)} (${values.join(',')})`;
    parts.push([key, text]);
  }
  return parts.sort((a, b) => byString(a[0], b[0])).map(([, text]) => text).join(',');
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector. */
export const formatSelector = (selector: unknown): string => selectorString(selector) || '<none>';

/** labels.FormatLabels: sorted key=value pairs, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const map = strMap(labels);
  const keys = Object.keys(map).sort(byString);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${map[k]}`).join(',');
}

const zeroTime = (v: unknown): boolean => typeof v !== 'string' || v === '';

/** DescribeEvents: sorted by last timestamp (unset first), ages measured against ctx.now. */
export function writeEvents(w: DescribeWriter, events: Json[], ctx: DescribeContext): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  const lastMs = (e: Json): number => (zeroTime(e.lastTimestamp) ? -Infinity : Date.parse(str(e.lastTimestamp)));
  const sorted = [...events].sort((a, b) => lastMs(a) - lastMs(b) || 0);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = zeroTime(e.eventTime) ? since(e.firstTimestamp, ctx) : since(e.eventTime, ctx);
    const series = obj(e.series);
    let interval = first;
    if (e.series) interval = `${since(series.lastObservedTime, ctx)} (x${num(series.count)} over ${first})`;
    else if (num(e.count) > 1) interval = `${since(e.lastTimestamp, ctx)} (x${num(e.count)} over ${first})`;
    const source = str(at(e, 'source', 'component')) || str(e.reportingComponent);
    w.write(1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}
