/**
 * The kinds Loupe's watch cache follows, and how to reach each on the API. Configmaps and secrets
 * are cached as metadata only: their data is fetched on demand, so secrets never sit in memory.
 */
export interface KindInfo {
  id: KindId;
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** Cache metadata only (PartialObjectMetadata), never the object's data. */
  metadataOnly?: boolean;
}

export const KINDS = [
  { id: 'namespaces', kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  { id: 'nodes', kind: 'Node', group: '', version: 'v1', plural: 'nodes', namespaced: false },
  { id: 'pods', kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true },
  { id: 'services', kind: 'Service', group: '', version: 'v1', plural: 'services', namespaced: true },
  { id: 'events', kind: 'Event', group: '', version: 'v1', plural: 'events', namespaced: true },
  { id: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', group: '', version: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  { id: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps', namespaced: true, metadataOnly: true },
  { id: 'secrets', kind: 'Secret', group: '', version: 'v1', plural: 'secrets', namespaced: true, metadataOnly: true },
  { id: 'endpointslices', kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', namespaced: true },
  { id: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
  { id: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', plural: 'replicasets', namespaced: true },
  { id: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1', plural: 'statefulsets', namespaced: true },
  { id: 'daemonsets', kind: 'DaemonSet', group: 'apps', version: 'v1', plural: 'daemonsets', namespaced: true },
  { id: 'jobs', kind: 'Job', group: 'batch', version: 'v1', plural: 'jobs', namespaced: true },
  { id: 'cronjobs', kind: 'CronJob', group: 'batch', version: 'v1', plural: 'cronjobs', namespaced: true },
  { id: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', namespaced: true },
  { id: 'networkpolicies', kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', namespaced: true },
  { id: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers', namespaced: true },
] as const satisfies ReadonlyArray<Omit<KindInfo, 'id'> & { id: string }>;

export type KindId = (typeof KINDS)[number]['id'];

export const KIND_IDS = KINDS.map((k) => k.id) as readonly KindId[];

const BY_ID = new Map<string, KindInfo>(KINDS.map((k) => [k.id, k as KindInfo]));

export function kindInfo(id: KindId): KindInfo {
  return BY_ID.get(id)!;
}

/** The collection path, cluster-wide or in one namespace. */
export function collectionPath(kind: KindInfo, namespace?: string): string {
  const base = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  return kind.namespaced && namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}`
    : `${base}/${kind.plural}`;
}
