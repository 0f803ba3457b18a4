/**
 * Topology ids are row keys (`cluster/kind/namespace/name`). Context names may themselves contain
 * slashes (EKS ARNs), so a key is read from the right: name, namespace and kind never do.
 */
import { KINDS, type KindId } from '../model/kinds';
import { rowKey } from '../model/rows';

export interface ParsedId {
  cluster: string;
  kind: KindId;
  namespace?: string;
  name: string;
}

const KIND_SET = new Set<string>(KINDS.map((k) => k.id));
const KIND_BY_NAME = new Map<string, KindId>(KINDS.map((k) => [k.kind, k.id]));

/** The parts of a row key, or undefined when it is not one. */
export function parseId(id: string): ParsedId | undefined {
  const nameAt = id.lastIndexOf('/');
  const nsAt = id.lastIndexOf('/', nameAt - 1);
  const kindAt = id.lastIndexOf('/', nsAt - 1);
  if (kindAt <= 0) return undefined;
  const kind = id.slice(kindAt + 1, nsAt);
  if (!KIND_SET.has(kind)) return undefined;
  const namespace = id.slice(nsAt + 1, nameAt);
  return { cluster: id.slice(0, kindAt), kind: kind as KindId, ...(namespace ? { namespace } : {}), name: id.slice(nameAt + 1) };
}

/** The id standing for a namespace: containers of namespaced nodes and nodes of the Namespaces view. */
export function namespaceId(cluster: string, namespace: string): string {
  return rowKey(cluster, 'namespaces', undefined, namespace);
}

export function nodeIdOf(cluster: string, node: string): string {
  return rowKey(cluster, 'nodes', undefined, node);
}

/** An ownerReference's kind (`ReplicaSet`) as a kind id, when Loupe follows that kind. */
export function kindIdOf(kind: string): KindId | undefined {
  return KIND_BY_NAME.get(kind);
}
