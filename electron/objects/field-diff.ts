/**
 * Field-level differences between versions of an object, and the three-way merge behind the 409
 * "merge" offer. Lists of named items (containers, ports, env) are matched by name, as strategic
 * merge does, so a reorder or an insert is not reported as every later item changing.
 */
import type { FieldChange } from '../../shared/api/channels/objects';

type Json = unknown;

/** Bookkeeping the server changes on every write: never a difference worth showing. */
const VOLATILE = new Set(['metadata.managedFields', 'metadata.resourceVersion', 'metadata.generation']);

function isRecord(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNamedList(v: Json): v is Array<Record<string, Json> & { name: string }> {
  return Array.isArray(v) && v.length > 0 && v.every((item) => isRecord(item) && typeof item.name === 'string');
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function render(v: Json): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Every leaf that differs from `before` to `after`, in document order. */
export function diffObjects(before: Json, after: Json, path = ''): FieldChange[] {
  if (VOLATILE.has(path) || deepEqual(before, after)) return [];
  if (before === undefined) return [{ path, change: 'added', after: render(after) }];
  if (after === undefined) return [{ path, change: 'removed', before: render(before) }];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffObjects(before[k], after[k], join(path, k)));
  }
  if ((isNamedList(before) || isNamedList(after)) && Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((i) => isRecord(i) && typeof i.name === 'string')) {
    const byName = (list: Json[]) => new Map(list.map((item) => [(item as { name: string }).name, item]));
    const b = byName(before);
    const a = byName(after);
    const names = [...new Set([...b.keys(), ...a.keys()])];
    return names.flatMap((n) => diffObjects(b.get(n), a.get(n), `${path}[name=${n}]`));
  }
  return [{ path, change: 'changed', before: render(before), after: render(after) }];
}

export interface MergeResult {
  merged: Json;
  /** Paths both sides changed to different values; empty when the merge is clean. */
  overlapping: string[];
}

/**
 * Replays the change from `base` to `mine` onto `theirs`. Where both sides changed the same field
 * differently the live value is kept and the path is reported, so the caller can refuse to offer
 * the merge rather than silently drop the user's edit.
 */
export function merge3(base: Json, mine: Json, theirs: Json, path = ''): MergeResult {
  if (deepEqual(mine, base)) return { merged: theirs, overlapping: [] };
  if (deepEqual(theirs, base) || deepEqual(mine, theirs)) return { merged: mine, overlapping: [] };
  if (isRecord(mine) && isRecord(theirs) && (base === undefined || isRecord(base))) {
    const b = (base ?? {}) as Record<string, Json>;
    const merged: Record<string, Json> = {};
    const overlapping: string[] = [];
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])];
    for (const k of keys) {
      const r = merge3(b[k], mine[k], theirs[k], join(path, k));
      if (r.merged !== undefined) merged[k] = r.merged;
      overlapping.push(...r.overlapping);
    }
    return { merged, overlapping };
  }
  if (isNamedList(mine) && isNamedList(theirs) && (base === undefined || Array.isArray(base))) {
    const index = (list: Json[]) => new Map(list.map((item) => [(item as { name: string }).name, item]));
    const b = index((base ?? []) as Json[]);
    const m = index(mine);
    const t = index(theirs);
    const order = [...new Set([...t.keys(), ...m.keys()])];
    const merged: Json[] = [];
    const overlapping: string[] = [];
    for (const name of order) {
      const r = merge3(b.get(name), m.get(name), t.get(name), `${path}[name=${name}]`);
      if (r.merged !== undefined) merged.push(r.merged);
      overlapping.push(...r.overlapping);
    }
    return { merged, overlapping };
  }
  // Volatile bookkeeping follows the live object: it is what the next write must carry.
  if (VOLATILE.has(path)) return { merged: theirs, overlapping: [] };
  return { merged: theirs, overlapping: [path] };
}
