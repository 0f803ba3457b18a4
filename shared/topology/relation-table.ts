/**
 * The relations the topology draws, declared as data (as Headlamp's `makeRelation`), each with the
 * index keys that find its ends: one side probes keys, the other is filed under keys, and an edge
 * exists where they meet and `match` agrees. Nothing is ever compared all-pairs: a selector probes
 * one of its labels and verifies the rest on the few rows filed under it.
 */
import type { KindId } from '../model/kinds';
import { matchesSelector } from '../model/label-selector';
import type { LabelSelector, ResourceRow } from '../model/rows';
import type { RelationKind } from './graph';
import { kindIdOf } from './ids';
import { TOPOLOGY_KINDS } from './node-projection';

export interface RelationDef {
  kind: RelationKind;
  /** The side that looks the other up, and the keys it looks under. */
  probe: { kinds: readonly KindId[]; keys(row: ResourceRow): string[] | undefined };
  /** The side filed under keys. */
  target: { kinds: readonly KindId[]; keys(row: ResourceRow): string[] | undefined };
  /** Verifies a candidate the keys found (selectors with more than one term). */
  match?(probe: ResourceRow, target: ResourceRow): boolean;
  /** Which end the drawn edge starts from. */
  from: 'probe' | 'target';
}

const WORKLOAD_KINDS = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'] as const satisfies readonly KindId[];

/** Keys carry the cluster and, where names are namespaced, the namespace. */
const nsKey = (row: ResourceRow, tag: string, value: string): string => `${row.cluster}|${row.namespace ?? ''}|${tag}|${value}`;

export const uidKey = (cluster: string, uid: string): string => `${cluster}||uid|${uid}`;

/** A pod's keys: each of its labels, and "any pod here" for selectors without matchLabels. */
function podLabelKeys(row: ResourceRow): string[] {
  const keys = [nsKey(row, 'all', '')];
  for (const [k, v] of Object.entries(row.labels ?? {})) keys.push(nsKey(row, 'l', `${k}=${v}`));
  return keys;
}

/** One probe key per selector: its first matchLabels term, or every pod of the namespace. */
function selectorProbe(row: ResourceRow, selector: LabelSelector | undefined): string[] | undefined {
  if (!selector) return undefined;
  const first = Object.entries(selector.matchLabels ?? {})[0];
  return [first ? nsKey(row, 'l', `${first[0]}=${first[1]}`) : nsKey(row, 'all', '')];
}

const namesOf = (row: ResourceRow, tag: string, names: readonly string[] | undefined): string[] | undefined =>
  names?.length ? names.map((n) => nsKey(row, tag, n)) : undefined;

function podUses(tag: 'pvc' | 'cm' | 'secret') {
  return (row: ResourceRow): string[] | undefined => {
    if (row.kind !== 'pods') return undefined;
    const uses = tag === 'pvc' ? row.uses.pvcs : tag === 'cm' ? row.uses.configMaps : row.uses.secrets;
    return namesOf(row, tag, uses);
  };
}

export const RELATIONS: readonly RelationDef[] = [
  {
    kind: 'owns',
    probe: { kinds: TOPOLOGY_KINDS, keys: (row) => row.owners?.map((o) => uidKey(row.cluster, o.uid)) },
    target: { kinds: [...WORKLOAD_KINDS, 'nodes'], keys: (row) => (row.uid ? [uidKey(row.cluster, row.uid)] : undefined) },
    from: 'target',
  },
  {
    kind: 'selects',
    probe: {
      kinds: ['services'],
      keys: (row) => (row.kind === 'services' && row.selector && Object.keys(row.selector).length > 0 ? selectorProbe(row, { matchLabels: row.selector }) : undefined),
    },
    target: { kinds: ['pods'], keys: podLabelKeys },
    match: (svc, pod) => svc.kind === 'services' && matchesSelector(pod.labels, { matchLabels: svc.selector ?? {} }),
    from: 'probe',
  },
  {
    kind: 'policy',
    probe: { kinds: ['networkpolicies'], keys: (row) => (row.kind === 'networkpolicies' ? selectorProbe(row, row.podSelector) : undefined) },
    target: { kinds: ['pods'], keys: podLabelKeys },
    match: (policy, pod) => policy.kind === 'networkpolicies' && matchesSelector(pod.labels, policy.podSelector),
    from: 'probe',
  },
  {
    kind: 'routes',
    probe: { kinds: ['ingresses'], keys: (row) => (row.kind === 'ingresses' ? namesOf(row, 'svc', row.services) : undefined) },
    target: { kinds: ['services'], keys: (row) => [nsKey(row, 'svc', row.name)] },
    from: 'probe',
  },
  {
    kind: 'scales',
    probe: {
      kinds: ['horizontalpodautoscalers'],
      keys: (row) => {
        if (row.kind !== 'horizontalpodautoscalers') return undefined;
        const kind = kindIdOf(row.scaleTargetRef.kind);
        return kind ? [nsKey(row, 'scale', `${kind}/${row.scaleTargetRef.name}`)] : undefined;
      },
    },
    target: { kinds: ['deployments', 'statefulsets', 'replicasets'], keys: (row) => [nsKey(row, 'scale', `${row.kind}/${row.name}`)] },
    from: 'probe',
  },
  {
    kind: 'runs-on',
    probe: { kinds: ['pods'], keys: (row) => (row.kind === 'pods' && row.node ? [`${row.cluster}||node|${row.node}`] : undefined) },
    target: { kinds: ['nodes'], keys: (row) => [`${row.cluster}||node|${row.name}`] },
    from: 'probe',
  },
  {
    kind: 'mounts',
    probe: { kinds: ['pods'], keys: podUses('pvc') },
    target: { kinds: ['persistentvolumeclaims'], keys: (row) => [nsKey(row, 'pvc', row.name)] },
    from: 'target',
  },
  {
    kind: 'config',
    probe: { kinds: ['pods'], keys: podUses('cm') },
    target: { kinds: ['configmaps'], keys: (row) => [nsKey(row, 'cm', row.name)] },
    from: 'target',
  },
  {
    kind: 'secret',
    probe: { kinds: ['pods'], keys: podUses('secret') },
    target: { kinds: ['secrets'], keys: (row) => [nsKey(row, 'secret', row.name)] },
    from: 'target',
  },
];

export function isWorkloadKind(kind: KindId): boolean {
  return (WORKLOAD_KINDS as readonly KindId[]).includes(kind);
}
