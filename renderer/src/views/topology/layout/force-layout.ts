/**
 * The map's force layout, pure and runnable in Node (the worker drives it; tests measure it).
 *
 * d3-force's simulation integrates (simulation.ts). Not its many-body: Barnes–Hut costs ~60 ms
 * per tick at 10k nodes on these machines and pulls every node towards every other, so any change
 * ripples through the whole picture. Here the long-range structure comes from anchors instead —
 * each container (a namespace, or a node in the Nodes view) has a fixed place on a grid and pulls
 * its members gently (forceX/forceY) — and repulsion is short-range only: a custom collision force
 * on a hashed grid, O(n) per tick (collide.ts). Links (forceLink) pull related nodes together.
 *
 * Stability: seeding is deterministic (sorted by namespace/kind/name, a sunflower spiral per
 * container), a new node starts at its neighbours' centroid (nudged to the nearest free spot), a
 * change reheats to a low alpha, a removal does not reheat, and pinned nodes never move. d3 draws
 * random numbers only to part coincident points; its source is a seeded LCG, so runs repeat.
 */
import type { ViewEdge, ViewGraph, ViewGraphDiff, ViewNode } from '../../../../../shared/topology/view-graph';
import { ContainerGrid } from './container-grid';
import { BASE_RADIUS, hashId, radiusOf } from './geometry';
import { compareNodes, connectedOrder, discRadius, GAP, GOLDEN_ANGLE, padArea, ringOffsets, sortKeyOf } from './seeding';

export { GAP } from './seeding';
import type { LayoutLink, LayoutNode } from './forces';
import { LayoutSimulation } from './simulation';

export { REHEAT_ALPHA } from './simulation';
/** An update this large moves as a whole; smaller ones move only around themselves. */
const FREEZE_MAX_ADDED = 500;
/**
 * How far around an added node the picture may make room, in node spacings. Three leave added
 * nodes room enough (no overlaps, even 50 added at one spot) and move the rest half as much as four.
 */
const NEIGHBOURHOOD_SPACINGS = 3;

export interface Point {
  x: number;
  y: number;
}

export class ForceLayout {
  private nodes: LayoutNode[] = [];
  private readonly byId = new Map<string, LayoutNode>();
  private readonly edges = new Map<string, { source: string; target: string }>();
  private links: LayoutLink[] = [];
  private linksDirty = false;
  private readonly grid = new ContainerGrid();
  /** Node ids that other nodes name as their container (a node in the Nodes view). */
  private containerIds = new Set<string>();
  private readonly containerCounts = new Map<string, number>();
  private readonly simulation = new LayoutSimulation();

  get alpha(): number {
    return this.simulation.alpha;
  }

  get size(): number {
    return this.nodes.length;
  }

  /** True once the layout has cooled: no more ticks needed until the next change. */
  get stable(): boolean {
    return this.simulation.stable;
  }

  /** Seeds every node from scratch, deterministically: the same graph gives the same picture. */
  reset(graph: ViewGraph): void {
    this.nodes = [];
    this.byId.clear();
    this.edges.clear();
    this.containerCounts.clear();
    this.containerIds = new Set(graph.nodes.flatMap((n) => (n.container ? [n.container] : [])));
    const sorted = [...graph.nodes].sort(compareNodes);
    for (const node of sorted) this.insert(node, 0, 0);
    for (const edge of graph.edges) this.setEdge(edge);
    this.seed();
    this.simulation.restart();
  }

  /** Places every node again (grid and spirals), keeping pins: the Re-layout action. */
  relayout(): void {
    this.thaw();
    this.seed();
    this.simulation.restart();
  }

  /** Applies what changed; unchanged nodes keep their place. Returns whether the layout reheated. */
  apply(diff: ViewGraphDiff): boolean {
    let reheat = false;
    for (const id of diff.removedEdges) this.edges.delete(id);
    if (diff.removed.length) this.remove(new Set(diff.removed));
    for (const node of diff.updated) {
      const existing = this.byId.get(node.id);
      if (!existing) continue;
      const r = radiusOf(node);
      if (r === existing.r) continue;
      if (Math.abs(r - existing.r) > 0.5) reheat = true;
      existing.r = r;
      this.simulation.nodesChanged();
    }
    for (const edge of diff.addedEdges) this.setEdge(edge);
    for (const edge of diff.updatedEdges) this.setEdge(edge);
    if (diff.added.length) {
      for (const n of diff.added) if (n.container) this.containerIds.add(n.container);
      this.reflowFor(diff.added);
      this.freezeAround(this.placeAdded([...diff.added].sort(compareNodes)));
      reheat = true;
    }
    if (diff.addedEdges.length) reheat = true;
    if (reheat) this.simulation.warm();
    return reheat;
  }

  /** Pins a node where it is dropped; it stays there until unpinned. */
  pin(id: string, x: number, y: number): void {
    const node = this.byId.get(id);
    if (!node) return;
    this.thaw();
    node.pinned = true;
    node.x = node.fx = x;
    node.y = node.fy = y;
    node.vx = node.vy = 0;
    this.simulation.warm();
  }

  unpin(id: string): void {
    const node = this.byId.get(id);
    if (!node?.pinned) return;
    node.pinned = false;
    node.fx = node.fy = null;
    this.simulation.warm();
  }

  isPinned(id: string): boolean {
    return this.byId.get(id)?.pinned ?? false;
  }

  /** Runs ticks until stable, `maxTicks` or `budgetMs` — whichever comes first. Returns ticks run. */
  run(maxTicks: number, budgetMs = Infinity, now: () => number = () => performance.now()): number {
    const start = now();
    let ticks = 0;
    while (ticks < maxTicks && !this.stable && now() - start < budgetMs) {
      this.tick();
      ticks++;
    }
    return ticks;
  }

  tick(): void {
    if (this.linksDirty) this.rebuildLinks();
    this.simulation.tick(this.nodes, this.links);
    if (this.stable) this.thaw();
  }

  /**
   * Lets only the change's neighbourhood move while it settles: the added nodes, what they link
   * to, and whatever lies within a few spacings of them. The rest of the picture holds still.
   */
  private freezeAround(added: LayoutNode[]): void {
    if (added.length === 0 || added.length > FREEZE_MAX_ADDED) return;
    const reach = (2 * BASE_RADIUS + GAP) * NEIGHBOURHOOD_SPACINGS;
    const active = new Set<LayoutNode>(added);
    if (this.linksDirty) this.rebuildLinks();
    for (const { source, target } of this.links) {
      if (active.has(source)) active.add(target);
      else if (active.has(target)) active.add(source);
    }
    for (const n of this.nodes) {
      if (active.has(n)) continue;
      for (const a of added) {
        const dx = n.x - a.x;
        const dy = n.y - a.y;
        if (dx * dx + dy * dy < reach * reach) {
          active.add(n);
          break;
        }
      }
    }
    // Frozen the d3 way, fixed where they are; `thaw` lets them go again.
    for (const n of this.nodes) {
      if (n.pinned) continue;
      n.fx = active.has(n) ? null : n.x;
      n.fy = active.has(n) ? null : n.y;
    }
  }

  private thaw(): void {
    for (const n of this.nodes) if (!n.pinned) n.fx = n.fy = null;
  }

  ids(): string[] {
    return this.nodes.map((n) => n.id);
  }

  /** Positions as `[x0, y0, x1, y1, …]` in `ids()` order: what crosses to the UI thread. */
  positions(): Float32Array {
    const out = new Float32Array(this.nodes.length * 2);
    this.nodes.forEach((n, i) => {
      out[i * 2] = n.x;
      out[i * 2 + 1] = n.y;
    });
    return out;
  }

  positionOf(id: string): Point | undefined {
    const n = this.byId.get(id);
    return n ? { x: n.x, y: n.y } : undefined;
  }

  private insert(node: ViewNode, x: number, y: number): LayoutNode {
    const container = this.containerOf(node);
    const l: LayoutNode = {
      id: node.id,
      index: this.nodes.length,
      sortKey: sortKeyOf(node),
      container,
      r: radiusOf(node),
      x,
      y,
      vx: 0,
      vy: 0,
      pinned: false,
      degree: 0,
      anchor: this.grid.anchor(container),
    };
    this.nodes.push(l);
    this.byId.set(l.id, l);
    this.simulation.nodesChanged();
    this.containerCounts.set(container, (this.containerCounts.get(container) ?? 0) + 1);
    return l;
  }

  private containerOf(node: ViewNode): string {
    if (node.container) return node.container;
    return this.containerIds.has(node.id) ? node.id : '';
  }

  private remove(ids: Set<string>): void {
    for (const id of ids) {
      const n = this.byId.get(id);
      if (!n) continue;
      this.byId.delete(id);
      this.containerCounts.set(n.container, (this.containerCounts.get(n.container) ?? 1) - 1);
    }
    this.nodes = this.nodes.filter((n) => !ids.has(n.id));
    this.nodes.forEach((n, i) => (n.index = i));
    this.simulation.nodesChanged();
    for (const [id, e] of this.edges) if (ids.has(e.source) || ids.has(e.target)) this.edges.delete(id);
    this.linksDirty = true;
  }

  private setEdge(edge: ViewEdge): void {
    if (edge.source === edge.target) return;
    this.edges.set(edge.id, { source: edge.source, target: edge.target });
    this.linksDirty = true;
  }

  private rebuildLinks(): void {
    this.links = [];
    for (const n of this.nodes) n.degree = 0;
    for (const [id, e] of this.edges) {
      const source = this.byId.get(e.source);
      const target = this.byId.get(e.target);
      if (!source || !target) continue;
      source.degree++;
      target.degree++;
      this.links.push({ id, source, target });
    }
    // Forces add up in link order: a fixed order keeps the result independent of arrival order.
    this.links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.linksDirty = false;
    // Degrees (the strength) and ends changed: d3 re-reads them on initialize.
    this.simulation.nodesChanged();
  }

  /** Sunflower spirals around each container's grid anchor, members in sorted order. */
  private seed(): void {
    const byContainer = new Map<string, LayoutNode[]>();
    for (const n of this.nodes) {
      let list = byContainer.get(n.container);
      if (!list) byContainer.set(n.container, (list = []));
      list.push(n);
    }
    this.grid.reset([...byContainer].map(([key, list]) => ({ key, radius: discRadius(list) })));
    for (const n of this.nodes) n.anchor = this.grid.anchor(n.container);
    this.simulation.anchorsMoved();
    if (this.linksDirty) this.rebuildLinks();
    const neighbours = new Map<LayoutNode, LayoutNode[]>();
    for (const { source, target } of this.links) {
      if (source.container !== target.container) continue;
      (neighbours.get(source) ?? neighbours.set(source, []).get(source)!).push(target);
      (neighbours.get(target) ?? neighbours.set(target, []).get(target)!).push(source);
    }
    for (const [key, list] of byContainer) {
      const ordered = connectedOrder(list, neighbours);
      const anchor = this.grid.anchor(key);
      const spacing = ordered.reduce((sum, n) => sum + 2 * n.r + GAP, 0) / Math.max(1, ordered.length);
      const offsets = ringOffsets(ordered.length, spacing);
      ordered.forEach((n, i) => {
        if (n.pinned) return;
        n.x = anchor.x + offsets[i]!.x;
        n.y = anchor.y + offsets[i]!.y;
        n.vx = n.vy = 0;
      });
    }
  }

  /**
   * When new nodes bring a new container (or swell one far past its cell), lays the grid out again
   * and moves each container's nodes rigidly with its anchor: the insides keep their shape.
   */
  private reflowFor(added: ViewNode[]): void {
    const sizes = new Map<string, number>();
    for (const n of this.nodes) sizes.set(n.container, (sizes.get(n.container) ?? 0) + padArea(n.r));
    for (const n of added) {
      const key = this.containerOf(n);
      sizes.set(key, (sizes.get(key) ?? 0) + padArea(radiusOf(n)));
    }
    const list = [...sizes].map(([key, area]) => ({ key, radius: Math.sqrt(area / Math.PI) }));
    if (!this.grid.needsReflow(list)) return;
    const before = new Map(list.filter((c) => this.grid.has(c.key)).map((c) => [c.key, { ...this.grid.anchor(c.key) }]));
    this.grid.reset(list);
    this.simulation.anchorsMoved();
    for (const n of this.nodes) {
      const was = before.get(n.container);
      const now = (n.anchor = this.grid.anchor(n.container));
      if (!was || n.pinned) continue;
      n.x += now.x - was.x;
      n.y += now.y - was.y;
      // Still frozen from an earlier change: held at its new place.
      if (n.fx != null) [n.fx, n.fy] = [n.x, n.y];
    }
  }

  /** New nodes start at their placed neighbours' centroid, else on their container's rim. */
  private placeAdded(added: ViewNode[]): LayoutNode[] {
    const placedNodes: LayoutNode[] = [];
    const neighbours = new Map<string, string[]>();
    for (const e of this.edges.values()) {
      (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
      (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
    }
    const addedIds = new Set(added.map((n) => n.id));
    for (const node of added) {
      if (this.byId.has(node.id)) continue;
      const placed = (neighbours.get(node.id) ?? []).filter((id) => !addedIds.has(id) || this.byId.has(id));
      const l = this.insert(node, 0, 0);
      let target: Point;
      if (placed.length > 0) {
        let x = 0;
        let y = 0;
        for (const id of placed) {
          const p = this.byId.get(id)!;
          x += p.x;
          y += p.y;
        }
        target = { x: x / placed.length, y: y / placed.length };
      } else {
        const anchor = this.grid.anchor(l.container);
        const i = (this.containerCounts.get(l.container) ?? 1) - 1;
        const rho = Math.sqrt((i * padArea(l.r)) / Math.PI);
        target = { x: anchor.x + rho * Math.cos(i * GOLDEN_ANGLE), y: anchor.y + rho * Math.sin(i * GOLDEN_ANGLE) };
      }
      // A small turn off the centroid, fixed by the id, so siblings do not start on one point.
      const angle = ((hashId(l.id) % 360) * Math.PI) / 180;
      l.x = target.x + Math.cos(angle) * l.r * 0.5;
      l.y = target.y + Math.sin(angle) * l.r * 0.5;
      placedNodes.push(l);
    }
    this.linksDirty = true;
    return placedNodes;
  }
}
