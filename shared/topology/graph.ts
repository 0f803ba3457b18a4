/**
 * The topology's data model: plain serializable nodes and edges, so the graph crosses IPC, the
 * WebSocket and the layout worker unchanged. Main builds the relation graph from the watch caches
 * and streams it as deltas; the renderer filters, groups, lays out and draws it.
 */
import type { KindId } from '../model/kinds';

export type Health = 'ok' | 'pending' | 'failed' | 'terminating' | 'unknown';

export interface TopoNode {
  /** The object's row key (`cluster/kind/namespace/name`), unique across clusters. */
  id: string;
  cluster: string;
  kind: KindId;
  namespace?: string;
  name: string;
  health: Health;
  /** Short state text as a person reads it: "Running", "CrashLoopBackOff", "2/3 ready". */
  status: string;
  restarts?: number;
  ready?: number;
  desired?: number;
  labels?: Record<string, string>;
  /**
   * Pods (and ReplicaSets and Jobs that have a controller): the controlling workload's node id,
   * resolved through ReplicaSets to the Deployment and through Jobs to the CronJob.
   */
  workload?: string;
  /** Pods: the node id the pod runs on. */
  host?: string;
  /** Use as a fraction of the request (pods) or allocatable (nodes), when metrics exist. */
  load?: TopoLoad;
}

export interface TopoLoad {
  cpu?: number;
  memory?: number;
}

export type RelationKind =
  | 'owns'
  | 'selects'
  | 'routes'
  | 'runs-on'
  | 'mounts'
  | 'config'
  | 'secret'
  | 'policy'
  | 'scales'
  | 'traffic';

export interface TopoEdge {
  /** `relation:source->target[:port]`, stable across updates. */
  id: string;
  source: string;
  target: string;
  kind: RelationKind;
  /** Traffic edges: destination port; aggregated edges: how many underlying edges. */
  port?: string;
  count?: number;
}

export type TopologyEvent =
  /** The whole graph, in chunks; `last` marks the end of the snapshot. */
  | {
      type: 'snapshot';
      seq: number;
      nodes: TopoNode[];
      edges: TopoEdge[];
      last: boolean;
      /** Host time (ms since epoch) the snapshot was taken. */
      at?: number;
    }
  /** Changes since the previous event; a seq that is not previous + 1 means resubscribe. */
  | {
      type: 'delta';
      seq: number;
      /** Host time (ms since epoch) the delta was cut: the history scrubber's clock. */
      at: number;
      upsertedNodes: TopoNode[];
      removedNodes: string[];
      upsertedEdges: TopoEdge[];
      removedEdges: string[];
      /**
       * Nodes whose only change is their load (metrics): id and new load, null when it has none.
       * Applied after `upsertedNodes`; a whole node is ten times the size of this.
       */
      loads?: Array<[string, TopoLoad | null]>;
    };
