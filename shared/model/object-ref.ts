/** A pointer to one object in one cluster: what the inspector, logs and terminals are opened on. */
import type { KindId } from './kinds';

export interface ObjectRef {
  cluster: string;
  kind: KindId;
  /** Absent for cluster-scoped kinds (nodes, namespaces). */
  namespace?: string;
  name: string;
}

export function objectRefKey(ref: ObjectRef): string {
  return [ref.cluster, ref.kind, ref.namespace ?? '', ref.name].join('/');
}
