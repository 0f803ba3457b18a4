/**
 * Deterministic seeding for the force layout: the order nodes are placed in, and where. Related
 * nodes start side by side on concentric rings, so the simulation has little left to do.
 */
import type { ViewNode } from '../../../../../shared/topology/view-graph';

/** Empty space kept between two nodes' rims: room for labels. */
export const GAP = 28;
export const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Area a node claims in a packed disc, relative to its padded circle. */
const PACKING = 1.25;

export interface Sortable {
  sortKey: string;
}

const bySortKey = (a: Sortable, b: Sortable) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

/**
 * Members in sorted order, but each one's related nodes right after it (breadth first): on the
 * rings, a service starts beside the workload it selects.
 */
export function connectedOrder<T extends Sortable>(list: T[], neighbours: Map<T, T[]>): T[] {
  const sorted = [...list].sort(bySortKey);
  const seen = new Set<T>();
  const out: T[] = [];
  for (const start of sorted) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i]!;
      out.push(n);
      for (const m of [...(neighbours.get(n) ?? [])].sort(bySortKey)) {
        if (seen.has(m)) continue;
        seen.add(m);
        queue.push(m);
      }
    }
  }
  return out;
}

/** Offsets from the centre for `count` nodes on concentric rings `spacing` apart, filled in order. */
export function ringOffsets(count: number, spacing: number): Array<{ x: number; y: number }> {
  const out: Array<{ x: number; y: number }> = [];
  let ring = 0;
  let slot = 0;
  let capacity = 1;
  for (let i = 0; i < count; i++) {
    if (slot >= capacity) {
      ring++;
      slot = 0;
      capacity = Math.floor(2 * Math.PI * ring);
    }
    // Each ring starts at another angle, so ring seams do not line up into a spoke.
    const angle = ring === 0 ? 0 : (slot / capacity) * 2 * Math.PI + ring * GOLDEN_ANGLE;
    slot++;
    out.push({ x: ring * spacing * Math.cos(angle), y: ring * spacing * Math.sin(angle) });
  }
  return out;
}

export function sortKeyOf(node: ViewNode): string {
  return `${node.namespace ?? ''}\u0000${node.kind}\u0000${node.label}\u0000${node.id}`;
}

export function compareNodes(a: ViewNode, b: ViewNode): number {
  const ka = sortKeyOf(a);
  const kb = sortKeyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function padArea(r: number): number {
  return Math.PI * (r + GAP / 2) ** 2 * PACKING;
}

export function discRadius(list: readonly { r: number }[]): number {
  let area = 0;
  for (const n of list) area += padArea(n.r);
  return Math.sqrt(area / Math.PI);
}
