/**
 * Which pods of one cluster a follow session's selectors match, from the cluster's watch cache (no
 * watch of its own): a pod by name, a workload's pods by owner references (a Deployment's through its
 * ReplicaSets, old and new, so a rollout's new pods join; a CronJob's through its Jobs), a pod-name
 * regex, a label selector, a namespace — several at once, any of them matching.
 */
import type { LogSelector } from '../../shared/model/logs';
import { matchesRequirements, parseLabelSelector, type Requirement } from '../../shared/model/label-selector';
import type { EventRow, PodRow, ResourceRow } from '../../shared/model/rows';
import type { ClusterCache } from '../kube/cache/cluster-cache';

interface CompiledSelector {
  namespace?: string;
  kind?: LogSelector['kind'];
  name?: string;
  podPattern?: RegExp;
  requirements: Requirement[];
}

const OWNER_KIND: Record<string, string> = {
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
};

const WORKLOAD_KIND: Record<string, string> = {
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
};

export function compileSelector(s: LogSelector): CompiledSelector {
  return {
    ...(s.namespace ? { namespace: s.namespace } : {}),
    ...(s.kind && s.name ? { kind: s.kind, name: s.name } : {}),
    ...(s.podPattern ? { podPattern: new RegExp(s.podPattern) } : {}),
    requirements: s.labelSelector ? parseLabelSelector(s.labelSelector) : [],
  };
}

function ownerName(row: ResourceRow | undefined, kind: string): string | undefined {
  return row?.owners?.find((o) => o.kind === kind)?.name;
}

export class TargetResolver {
  private readonly selectors: CompiledSelector[];

  constructor(selectors: LogSelector[]) {
    this.selectors = selectors.map(compileSelector);
  }

  /** A pod selected by name: its streams go first when streams are scarce. */
  isNamed(pod: PodRow): boolean {
    return this.selectors.some((s) => s.kind === 'pods' && s.name === pod.name && (!s.namespace || s.namespace === pod.namespace));
  }

  matches(pod: PodRow, cache: ClusterCache): boolean {
    return this.selectors.some((s) => this.matchesOne(s, pod, cache));
  }

  /** Every cached pod that matches. */
  resolve(cache: ClusterCache): PodRow[] {
    const out: PodRow[] = [];
    for (const row of cache.list(['pods'])) if (row.kind === 'pods' && this.matches(row, cache)) out.push(row);
    return out;
  }

  /**
   * Events that belong with what is followed: those about a selected workload, the ReplicaSets and
   * Jobs between it and its pods, or a followed pod.
   */
  eventMatches(event: EventRow, followedPods: ReadonlySet<string>, owners: ReadonlySet<string>): boolean {
    const ns = event.involved.namespace ?? event.namespace;
    const { kind, name } = event.involved;
    if (kind === 'Pod') return followedPods.has(`${ns}/${name}`);
    if (owners.has(`${ns}/${kind}/${name}`)) return true;
    return this.selectors.some((s) => s.kind && WORKLOAD_KIND[s.kind] === kind && s.name === name && (!s.namespace || s.namespace === ns));
  }

  private matchesOne(s: CompiledSelector, pod: PodRow, cache: ClusterCache): boolean {
    if (s.namespace && pod.namespace !== s.namespace) return false;
    if (s.podPattern && !s.podPattern.test(pod.name)) return false;
    if (s.requirements.length > 0 && !matchesRequirements(pod.labels, s.requirements)) return false;
    if (!s.kind || !s.name) return true;
    const ns = pod.namespace;
    switch (s.kind) {
      case 'pods':
        return pod.name === s.name;
      case 'deployments': {
        const rs = ownerName(pod, 'ReplicaSet');
        if (!rs) return false;
        const owner = ownerName(cache.get('replicasets', ns, rs), 'Deployment');
        // Before the ReplicaSet's row arrives, its name tells: <deployment>-<pod-template-hash>.
        return owner !== undefined ? owner === s.name : rs === `${s.name}-${pod.labels?.['pod-template-hash'] ?? ''}`;
      }
      case 'cronjobs': {
        const job = ownerName(pod, 'Job');
        if (!job) return false;
        const owner = ownerName(cache.get('jobs', ns, job), 'CronJob');
        return owner !== undefined ? owner === s.name : new RegExp(`^${escapeRegExp(s.name)}-\\d+$`).test(job);
      }
      default:
        return ownerName(pod, OWNER_KIND[s.kind]!) === s.name;
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
