/**
 * The layout's attracting forces, d3-force's own: links pull related nodes to a rest length
 * (weakly across containers), and forceX/forceY pull each node towards its container's anchor.
 */
import { forceLink, forceX, forceY, type ForceLink, type ForceX, type ForceY, type SimulationNodeDatum } from 'd3-force';
import type { Point } from './force-layout';
import { GAP } from './seeding';

const GRAVITY = 0.04;
/** Links across containers pull weakly, or namespaces would drift off their anchors. */
const CROSS_LINK_STRENGTH = 0.02;
/** Inside a container, a bit softer than d3's default `1 / min(count)`: groups stay round. */
const LINK_STRENGTH = 0.7;

export interface LayoutNode extends SimulationNodeDatum {
  id: string;
  index: number;
  sortKey: string;
  container: string;
  r: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Dropped by the user: `fx`/`fy` hold it until unpinned (other fixed nodes are only frozen). */
  pinned: boolean;
  /** Links at this node, as d3's link force counts them: its strength needs the same figure. */
  degree: number;
  /** The container's anchor, read by forceX/forceY when they initialize. */
  anchor: Point;
}

export interface LayoutLink {
  id: string;
  source: LayoutNode;
  target: LayoutNode;
}

export function linkForce(): ForceLink<LayoutNode, LayoutLink> {
  return forceLink<LayoutNode, LayoutLink>()
    .id((n) => n.id)
    .distance(({ source: s, target: t }) => s.r + t.r + GAP * 1.5)
    .strength(({ source: s, target: t }) =>
      s.container !== t.container ? CROSS_LINK_STRENGTH : LINK_STRENGTH / Math.max(1, Math.min(s.degree, t.degree)),
    );
}

/** Gravity towards each node's anchor. d3 caches the targets: call again (or re-set x/y) when anchors move. */
export function anchorForces(): { x: ForceX<LayoutNode>; y: ForceY<LayoutNode> } {
  return {
    x: forceX<LayoutNode>((n) => n.anchor.x).strength(GRAVITY),
    y: forceY<LayoutNode>((n) => n.anchor.y).strength(GRAVITY),
  };
}

/** Re-reads every node's anchor into forceX/forceY (their `initialize` caches it per node). */
export function refreshAnchors(forces: { x: ForceX<LayoutNode>; y: ForceY<LayoutNode> }): void {
  forces.x.x((n) => n.anchor.x);
  forces.y.y((n) => n.anchor.y);
}

/** A seeded LCG for d3's `randomSource` (jiggle on coincident points): runs stay bit-identical. */
export function seededRandom(seed = 0x2545f491): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
