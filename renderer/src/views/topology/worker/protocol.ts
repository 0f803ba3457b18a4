/**
 * Messages between the UI thread and the topology worker. The worker owns the relation graph, the
 * pipeline and the layout; the UI thread forwards stream events untouched and draws what it is sent.
 */
import type { TopoEdge, TopologyEvent, TopoNode } from '../../../../../shared/topology/graph';
import type { ViewComplexity } from '../../../../../shared/topology/pipeline';
import type { TopoFilter, TopoViewId, ViewEdge, ViewNode } from '../../../../../shared/topology/view-graph';

/** A drawn node without its member list (which can be thousands of ids): what the UI needs. */
export type MapNode = Omit<ViewNode, 'members'> & {
  /** How many objects the node stands for. */
  size: number;
  /** Radius in world units (the layout's). */
  r: number;
  /** The object the node opens in the inspector: itself, or a group's workload. */
  target?: string;
  pinned: boolean;
};

export interface ViewRequest {
  view: TopoViewId;
  filter: TopoFilter;
  /** Group ids unfolded into their members (double-click). */
  expanded: string[];
}

export type ToWorker =
  | { type: 'events'; events: TopologyEvent[] }
  /** The stream is being subscribed again: the next snapshot replaces everything. */
  | { type: 'reset' }
  | ({ type: 'view' } & ViewRequest)
  | { type: 'pause' }
  | { type: 'resume' }
  /** Paused only: show the cluster as it was at `at` (ms since epoch); null returns to the pause. */
  | { type: 'scrub'; at: number | null }
  | { type: 'drag'; id: string; x: number; y: number }
  | { type: 'unpin'; id: string }
  | { type: 'relayout' }
  | { type: 'inspect'; requestId: number; id: string };

export interface Relation {
  kind: TopoEdge['kind'];
  direction: 'out' | 'in';
  port?: string;
  node: TopoNode;
}

export interface LayoutStats {
  /** Mean worker time per layout tick over the last run. */
  tickMs: number;
  ticks: number;
  nodes: number;
  edges: number;
  /** Mean displacement of the nodes an update left unchanged, in node radii (last update). */
  driftRadius?: number;
  /** Worker time to rebuild the view graph and apply its diff (last update). */
  pipelineMs: number;
}

export type FromWorker =
  /** The drawn graph changed; `positions` that follow carry the same generation, in this node order. */
  | { type: 'graph'; generation: number; nodes: MapNode[]; edges: ViewEdge[]; complexity: ViewComplexity; fresh: boolean }
  /**
   * What changed since the last graph: `removed` drop out (order kept), `added` go to the end,
   * `changed` replace nodes at their index in the new order; edges likewise, by id.
   */
  | {
      type: 'graph-patch';
      generation: number;
      removed: string[];
      added: MapNode[];
      changed: Array<[number, MapNode]>;
      addedEdges: ViewEdge[];
      removedEdges: string[];
      updatedEdges: ViewEdge[];
      complexity: ViewComplexity;
    }
  | { type: 'positions'; generation: number; positions: Float32Array; stable: boolean; stats: LayoutStats }
  | {
      type: 'status';
      loaded: boolean;
      paused: boolean;
      pending: number;
      history?: { from: number; to: number };
      scrubAt: number | null;
    }
  | { type: 'inspected'; requestId: number; node?: TopoNode; relations: Relation[] }
  /** Events arrived out of sequence: resubscribe. */
  | { type: 'resync' }
  | { type: 'error'; message: string };
