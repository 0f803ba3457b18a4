/**
 * kubectl-describe text for one object. Pure: the caller fetches the object, its events and the
 * related objects kubectl would fetch, and passes the clock; the result carries links for every
 * object reference in the text.
 */
import type { KindId } from '../model/kinds';
import { describeCronJob, describeJob } from './batch';
import { describeConfigMap, describeNamespace, describePersistentVolumeClaim, describeSecret, podsUsingClaim } from './config';
import type { Json } from './json';
import { describeIngress, describeService, type BackendInfo } from './network';
import { describeNode } from './node';
import { describePod } from './pod';
import type { DescribeContext, DescribeResult } from './types';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from './workloads';

export type { DescribeContext, DescribeLink, DescribeResult } from './types';
export type { BackendInfo } from './network';

export interface DescribeInput {
  kind: KindId;
  object: Json;
  /** Events about the object, in any order. Absent for kinds kubectl shows none for. */
  events?: Json[];
  /**
   * Pods kubectl looks at: the controller's pods (matched by controller UID here), the node's
   * non-terminated pods, or the namespace's pods for a claim. A string is why they could not be listed.
   */
  pods?: Json[] | string;
  /** Deployment: the ReplicaSets of its namespace (those it controls are picked here). */
  replicaSets?: Json[];
  /** Service: its Endpoints object. */
  endpoints?: Json;
  /** Ingress: what was found for each backend service, by name. */
  backends?: Record<string, BackendInfo>;
  /** Node: its Lease, or the error kubectl prints. */
  lease?: Json | string;
  /** Namespace: absent lists are not served and left out, like kubectl. */
  resourceQuotas?: Json[];
  limitRanges?: Json[];
}

export const DESCRIBABLE_KINDS: ReadonlySet<KindId> = new Set<KindId>([
  'pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'services', 'ingresses',
  'nodes', 'namespaces', 'configmaps', 'secrets', 'persistentvolumeclaims',
]);

export function describeObject(input: DescribeInput, ctx: DescribeContext): DescribeResult {
  const { object: o, events } = input;
  const pods = input.pods ?? [];
  const podList = typeof pods === 'string' ? [] : pods;
  switch (input.kind) {
    case 'pods': return describePod(o, events, ctx);
    case 'deployments': return describeDeployment(o, input.replicaSets ?? [], events, ctx);
    case 'replicasets': return describeReplicaSet(o, pods, events, ctx);
    case 'statefulsets': return describeStatefulSet(o, pods, events, ctx);
    case 'daemonsets': return describeDaemonSet(o, pods, events, ctx);
    case 'jobs': return describeJob(o, events, ctx);
    case 'cronjobs': return describeCronJob(o, events, ctx);
    case 'services': return describeService(o, input.endpoints, events, ctx);
    case 'ingresses': return describeIngress(o, input.backends ?? {}, events, ctx);
    case 'nodes': return describeNode(o, { pods: typeof pods === 'string' ? 'forbidden' : pods, lease: input.lease ?? 'not fetched' }, events, ctx);
    case 'namespaces': return describeNamespace(o, { resourceQuotas: input.resourceQuotas, limitRanges: input.limitRanges }, ctx);
    case 'configmaps': return describeConfigMap(o, events, ctx);
    case 'secrets': return describeSecret(o);
    case 'persistentvolumeclaims': return describePersistentVolumeClaim(o, podsUsingClaim(o, podList), events, ctx);
    default: throw new Error(`describe is not implemented for ${input.kind}`);
  }
}
