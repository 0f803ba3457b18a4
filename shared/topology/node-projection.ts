/**
 * A row as a topology node: its health and the short state a person reads. The relation index
 * supplies what a row alone cannot know: a pod's controlling workload (through its ReplicaSet) and
 * whether a workload has failing pods.
 */
import type { KindId } from '../model/kinds';
import type { PodRow, ResourceRow } from '../model/rows';
import type { Health, TopoNode } from './graph';
import { nodeIdOf } from './ids';

/** The kinds the topology draws; everything else in the cache (events, endpoint slices) stays out. */
export const TOPOLOGY_KINDS = [
  'pods', 'nodes', 'services', 'ingresses', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs',
  'cronjobs', 'persistentvolumeclaims', 'configmaps', 'secrets', 'networkpolicies', 'horizontalpodautoscalers',
] as const satisfies readonly KindId[];

const TOPOLOGY_KIND_SET = new Set<KindId>(TOPOLOGY_KINDS);

export function isTopologyKind(kind: KindId): boolean {
  return TOPOLOGY_KIND_SET.has(kind);
}

/** Container or pod reasons that mean the pod is not going to work without someone acting. */
const FAILED_REASONS = new Set([
  'CrashLoopBackOff', 'Error', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'Failed', 'CreateContainerConfigError',
  'CreateContainerError', 'InvalidImageName', 'RunContainerError', 'Evicted', 'ContainerCannotRun', 'DeadlineExceeded',
]);

export function podHealth(pod: PodRow): Health {
  if (pod.deleting) return 'terminating';
  if (pod.phase === 'Failed' || FAILED_REASONS.has(pod.status)) return 'failed';
  if (pod.containers.some((c) => c.reason !== undefined && c.reason !== 'Completed' && FAILED_REASONS.has(c.reason))) return 'failed';
  if (pod.phase === 'Succeeded') return 'ok';
  if (pod.phase === 'Running') return pod.readyContainers >= pod.totalContainers ? 'ok' : 'pending';
  if (pod.phase === 'Pending') return 'pending';
  return 'unknown';
}

export interface ProjectionContext {
  /** The topmost controller of a pod, ReplicaSet or Job, as a node id. */
  workloadOf(row: ResourceRow): string | undefined;
  /** A workload's pods that are failing. */
  hasFailedMembers(workloadId: string): boolean;
}

export function projectNode(row: ResourceRow, ctx: ProjectionContext): TopoNode {
  const node: TopoNode = {
    id: row.key,
    cluster: row.cluster,
    kind: row.kind,
    ...(row.namespace !== undefined ? { namespace: row.namespace } : {}),
    name: row.name,
    health: 'ok',
    status: '',
    ...(row.labels ? { labels: row.labels } : {}),
  };
  const workload = ctx.workloadOf(row);
  if (workload !== undefined) node.workload = workload;
  switch (row.kind) {
    case 'pods': {
      node.health = podHealth(row);
      node.status = row.status;
      node.restarts = row.restarts;
      node.ready = row.readyContainers;
      node.desired = row.totalContainers;
      if (row.node) node.host = nodeIdOf(row.cluster, row.node);
      break;
    }
    case 'deployments':
    case 'replicasets':
    case 'statefulsets':
    case 'daemonsets': {
      node.ready = row.ready;
      node.desired = row.desired;
      node.status = `${row.ready}/${row.desired} ready`;
      const stuck = row.conditions?.some((c) => c.reason === 'ProgressDeadlineExceeded' && c.status === 'False');
      if (stuck) node.status += ', progress deadline exceeded';
      node.health = row.deleting
        ? 'terminating'
        : stuck || (row.ready < row.desired && ctx.hasFailedMembers(row.key))
          ? 'failed'
          : row.ready < row.desired
            ? 'pending'
            : 'ok';
      break;
    }
    case 'jobs': {
      node.ready = row.succeeded;
      node.desired = row.completions;
      node.status = row.status;
      node.health = row.deleting ? 'terminating' : row.status === 'Failed' ? 'failed' : row.status === 'Suspended' ? 'pending' : 'ok';
      if (node.health === 'ok' && row.status === 'Running' && ctx.hasFailedMembers(row.key)) node.health = 'failed';
      break;
    }
    case 'cronjobs':
      node.status = row.suspend ? 'Suspended' : row.schedule;
      node.health = row.deleting ? 'terminating' : row.suspend ? 'pending' : 'ok';
      break;
    case 'nodes':
      node.status = !row.ready ? 'NotReady' : row.unschedulable ? 'Ready, SchedulingDisabled' : 'Ready';
      if (row.pressures.length > 0) node.status += ` (${row.pressures.join(', ')})`;
      node.health = !row.ready ? 'failed' : row.unschedulable || row.pressures.length > 0 ? 'pending' : 'ok';
      break;
    case 'persistentvolumeclaims':
      node.status = row.phase;
      node.health = row.deleting ? 'terminating' : row.phase === 'Bound' ? 'ok' : row.phase === 'Lost' ? 'failed' : 'pending';
      break;
    case 'services':
      node.status = row.type;
      node.health = row.deleting ? 'terminating' : 'ok';
      break;
    case 'horizontalpodautoscalers':
      node.ready = row.currentReplicas;
      node.desired = row.desiredReplicas;
      node.status = `${row.currentReplicas} replicas (${row.minReplicas}–${row.maxReplicas})`;
      node.health = row.deleting ? 'terminating' : row.currentReplicas !== row.desiredReplicas ? 'pending' : 'ok';
      break;
    case 'ingresses':
      node.status = row.hosts.join(', ') || '*';
      node.health = row.deleting ? 'terminating' : 'ok';
      break;
    default:
      node.status = row.deleting ? 'Terminating' : '';
      node.health = row.deleting ? 'terminating' : 'ok';
  }
  return node;
}
