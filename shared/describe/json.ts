/** Defensive readers for API objects as plain JSON (every field may be absent). */
export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const has = (o: Json, key: string): boolean => o[key] !== undefined && o[key] !== null;
export const strMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, str(x)]));

/** A nested field: `at(pod, 'spec', 'nodeName')`. */
export function at(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const key of path) cur = obj(cur)[key];
  return cur;
}

/** Go's %v of a bool. */
export const goBool = (v: unknown): string => (v === true ? 'true' : 'false');

/** Go's %v of an intstr.IntOrString. */
export const intOrString = (v: unknown): string => str(v);

/** Code-point order, like Go's sort.Strings (localeCompare would differ on case and symbols). */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
