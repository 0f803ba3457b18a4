/**
 * The graph as drawn: the relation graph after filtering, grouping and simplification. Produced by
 * pure stages (filter → group → simplify), compared with `diff` to feed the layout incrementally.
 */
import type { Health, RelationKind, TopoEdge, TopoNode } from './graph';
import type { KindId } from '../model/kinds';

/** The relation graph as held by a consumer: applied snapshot and deltas. */
export interface GraphState {
  nodes: Map<string, TopoNode>;
  edges: Map<string, TopoEdge>;
}

/** Scope's views: what a drawn node stands for. */
export type TopoViewId = 'workloads' | 'pods' | 'services' | 'nodes' | 'namespaces';

export interface TopoFilter {
  /** Empty: all. */
  namespaces?: string[];
  kinds?: KindId[];
  /** A label selector (`app=shop,tier!=db`). */
  labelSelector?: string;
  /** Case-insensitive substring on name/namespace/kind/status. */
  text?: string;
  onlyUnhealthy?: boolean;
}

export interface ViewNode {
  /** Stable across updates: a TopoNode id, or a group id such as `group:<workload id>`. */
  id: string;
  kind: KindId | 'group';
  label: string;
  /** Worst health of its members. */
  health: Health;
  status: string;
  cluster: string;
  namespace?: string;
  /** TopoNode ids this node stands for (itself, or the folded pods of a workload, …): nothing is dropped. */
  members: string[];
  /** Members by health, for badges and shading. */
  counts: Record<Health, number>;
  restarts: number;
  ready?: number;
  desired?: number;
  load?: { cpu?: number; memory?: number };
  /** Containment for hulls and seeding: a namespace, or the node a pod runs on in the Nodes view. */
  container?: string;
}

export interface ViewEdge {
  /** `kind:source->target[:port]`. */
  id: string;
  source: string;
  target: string;
  kind: RelationKind;
  port?: string;
  /** Underlying relation edges folded into this one. */
  count: number;
}

export interface ViewGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

/** What changed between two view graphs: the layout keeps positions of everything else. */
export interface ViewGraphDiff {
  added: ViewNode[];
  updated: ViewNode[];
  removed: string[];
  addedEdges: ViewEdge[];
  removedEdges: string[];
  /** Same ids, content changed (counts, ports). */
  updatedEdges: ViewEdge[];
}
