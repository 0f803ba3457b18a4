/**
 * The seam for observed traffic: the node agent (later) reports which pods talk to which, and the
 * topology merges those edges with the declared relations. A source reports the whole current set
 * for a cluster each time it changes; an empty set clears it.
 */
import type { TopoEdge } from '../../shared/topology/graph';

export interface TrafficEdgeSource {
  /** Unique among sources: a later report from the same source replaces its earlier edges. */
  readonly name: string;
  /** Calls `report` with the cluster's observed edges (kind 'traffic', pod or service ids) on every change. */
  subscribe(cluster: string, report: (edges: TopoEdge[]) => void): () => void;
}
