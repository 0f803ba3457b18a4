/** Node sizes shared by the layout (collision) and the drawing (hit-testing), so both agree. */
import type { ViewNode } from '../../../../../shared/topology/view-graph';

/** The radius of a one-object node, in world units: the unit of the drift figure. */
export const BASE_RADIUS = 8;

/** Groups grow with the log of their member count, so a 500-pod workload stays a node, not a blob. */
export function radiusOf(node: Pick<ViewNode, 'members'>): number {
  const n = node.members.length;
  return n <= 1 ? BASE_RADIUS : BASE_RADIUS * (1 + Math.min(1.6, Math.log10(n) * 0.8));
}

/** A 32-bit FNV-1a hash: deterministic jitter and angles from ids, never Math.random. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
