/**
 * The drawn graph with its positions, outside React: the worker's position frames land here and
 * the canvas redraws from here, so a 60 fps layout never re-renders a component. Positions of a
 * generation other than the current graph's are stale (sent for an older node order) and dropped.
 */
import type { ViewEdge } from '../../../../shared/topology/view-graph';
import type { MapNode } from './worker/protocol';

export interface SceneFrame {
  generation: number;
  nodes: MapNode[];
  edges: ViewEdge[];
  /** `[x0, y0, x1, y1, …]` in `nodes` order; undefined until this generation's first frame. */
  positions: Float32Array | undefined;
  indexById: Map<string, number>;
  /** Bumped on every change: caches (hit index, hulls) key on it. */
  version: number;
  /** The worker says the layout has settled. */
  stable: boolean;
  /** Seeded afresh (a new view, a first load): the camera may frame it again. */
  fresh: boolean;
}

type Listener = (frame: SceneFrame, change: 'graph' | 'positions') => void;

export class Scene {
  frame: SceneFrame = { generation: 0, nodes: [], edges: [], positions: undefined, indexById: new Map(), version: 0, stable: false, fresh: true };
  private readonly listeners = new Set<Listener>();

  setGraph(generation: number, nodes: MapNode[], edges: ViewEdge[], fresh: boolean): void {
    const previous = this.frame;
    this.frame = {
      generation,
      nodes,
      edges,
      positions: undefined,
      indexById: new Map(nodes.map((n, i) => [n.id, i])),
      version: previous.version + 1,
      stable: false,
      fresh,
    };
    this.emit('graph');
  }

  /**
   * A patched graph. When nodes came or went, positions of the old order no longer fit: nothing is
   * drawn until this generation's positions arrive (they follow in the same worker task).
   */
  patchGraph(generation: number, nodes: MapNode[], edges: ViewEdge[], structural: boolean): void {
    const edgesChanged = edges !== this.frame.edges;
    this.frame = {
      ...this.frame,
      generation,
      nodes,
      edges,
      version: this.frame.version + 1,
      fresh: false,
      ...(structural ? { positions: undefined, indexById: new Map(nodes.map((n, i) => [n.id, i])) } : {}),
    };
    this.emit(structural || edgesChanged ? 'graph' : 'positions');
  }

  /** Returns false for a stale frame. */
  setPositions(generation: number, positions: Float32Array, stable: boolean): boolean {
    if (generation !== this.frame.generation) return false;
    this.frame = { ...this.frame, positions, stable, version: this.frame.version + 1 };
    this.emit('positions');
    return true;
  }

  /** Moves one node locally while it is dragged, ahead of the worker's next frame. */
  moveLocally(id: string, x: number, y: number): void {
    const i = this.frame.indexById.get(id);
    const p = this.frame.positions;
    if (i === undefined || !p) return;
    p[i * 2] = x;
    p[i * 2 + 1] = y;
    this.frame = { ...this.frame, version: this.frame.version + 1 };
    this.emit('positions');
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: 'graph' | 'positions'): void {
    for (const l of this.listeners) l(this.frame, change);
  }
}
