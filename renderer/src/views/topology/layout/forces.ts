/**
 * The layout's attracting forces: links pull related nodes to a rest length (weakly across
 * containers), gravity pulls each node towards its container's anchor. d3-force's formulas.
 */
import type { Point } from './force-layout';
import { GAP } from './seeding';

const GRAVITY = 0.04;
/** Links across containers pull weakly, or namespaces would drift off their anchors. */
const CROSS_LINK_STRENGTH = 0.02;

export interface LayoutNode {
  id: string;
  index: number;
  sortKey: string;
  container: string;
  r: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  pinned: boolean;
  /** Outside the neighbourhood of the change being settled: stays put until the layout cools. */
  frozen: boolean;
  degree: number;
  /** The container's anchor, cached: looked up per node on every tick otherwise. */
  anchor: Point;
}

export interface LayoutLink {
  id: string;
  source: LayoutNode;
  target: LayoutNode;
}

export function applyLinks(links: readonly LayoutLink[], alpha: number): void {
  for (const { source: s, target: t } of links) {
    const cross = s.container !== t.container;
    const strength = cross ? CROSS_LINK_STRENGTH : 0.7 / Math.max(1, Math.min(s.degree, t.degree));
    const length = s.r + t.r + GAP * 1.5;
    let dx = t.x + t.vx - s.x - s.vx;
    let dy = t.y + t.vy - s.y - s.vy;
    const d = Math.hypot(dx, dy) || 1e-6;
    const l = ((d - length) / d) * alpha * strength;
    dx *= l;
    dy *= l;
    const bias = s.degree / (s.degree + t.degree);
    t.vx -= dx * bias;
    t.vy -= dy * bias;
    s.vx += dx * (1 - bias);
    s.vy += dy * (1 - bias);
  }
}

export function applyGravity(nodes: readonly LayoutNode[], alpha: number): void {
  const k = GRAVITY * alpha;
  for (const n of nodes) {
    const a = n.anchor;
    n.vx += (a.x - n.x) * k;
    n.vy += (a.y - n.y) * k;
  }
}
