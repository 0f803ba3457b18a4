/**
 * Log following: what the renderer asks to follow and what it receives. Lines are keyed by stream;
 * a stream is one container instance (cluster, namespace, pod, container, containerID).
 */
import type { EventRow } from './rows';

/** One thing to follow. Several selectors together are one follow session. */
export interface LogSelector {
  cluster: string;
  /** Absent: every namespace the user may read. */
  namespace?: string;
  /** A pod, or a workload whose pods are followed (a Deployment follows its new ReplicaSets). */
  kind?: 'pods' | 'deployments' | 'replicasets' | 'statefulsets' | 'daemonsets' | 'jobs' | 'cronjobs';
  name?: string;
  /** Regular expression on pod names (stern's positional query). */
  podPattern?: string;
  labelSelector?: string;
}

export interface LogFollowOptions {
  selectors: LogSelector[];
  /** Regex: only these containers (stern -c). */
  container?: string;
  /** Regex: never these containers (stern -E). */
  excludeContainer?: string;
  /** Existing pods start this far back (stern --since); new pods always start from their beginning. */
  sinceSeconds?: number;
  /** Existing pods start with this many lines (stern --tail); -1 or absent: all within since. */
  tail?: number;
}

export type LogStreamState = 'waiting' | 'connecting' | 'streaming' | 'reconnecting' | 'ended' | 'failed';

export interface LogStreamInfo {
  id: number;
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  containerId?: string;
  /** The previous instance of a restarted container (fetched once with previous=true). */
  previous?: boolean;
  /** The container's restart count while this instance ran: 0 for the first instance. */
  restarts?: number;
  state: LogStreamState;
  message?: string;
}

export interface LogLine {
  stream: number;
  /** The kubelet's RFC 3339 timestamp, nanoseconds kept: the resume and ordering key. */
  ts: string;
  text: string;
}

export type LogMarkerKind = 'restarted' | 'deleted' | 'reconnected' | 'previous' | 'started';

export type LogFeedEvent =
  | { type: 'streams'; streams: LogStreamInfo[] }
  | { type: 'lines'; lines: LogLine[] }
  | { type: 'marker'; stream: number; ts: string; kind: LogMarkerKind; text: string }
  | { type: 'events'; events: EventRow[] }
  /** Streams beyond the per-cluster cap wait; the renderer says so. */
  | { type: 'capacity'; active: number; waiting: number; limit: number; cluster?: string }
  /** Lines main had to drop because the renderer did not keep up: never silent. */
  | { type: 'overflow'; dropped: number };

export type RolloutVerdict = 'progressing' | 'ready' | 'failed';

export interface RolloutPodState {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  reason?: string;
}

export interface RolloutStatus {
  cluster: string;
  namespace: string;
  kind: 'deployments' | 'statefulsets' | 'daemonsets' | 'jobs';
  name: string;
  generation: number;
  observedGeneration: number;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  pods: RolloutPodState[];
  verdict: RolloutVerdict;
  /** Why it failed or what it waits for: "ImagePullBackOff: frontend-7c… (nginx:nope)". */
  reason?: string;
}
