/** Opening a drawn node in the inspector: the object itself, or the workload a group stands for. */
import { KIND_IDS, kindInfo, type KindId } from '../../../../shared/model/kinds';
import { parseId } from '../../../../shared/topology/ids';
import { useInspectorStore } from '../../stores/inspector-store';
import type { MapNode } from './worker/protocol';

export function openNode(node: Pick<MapNode, 'id' | 'target'>): boolean {
  const ref = parseId(node.target ?? node.id);
  if (!ref) return false;
  useInspectorStore.getState().open(ref, 'summary');
  return true;
}

/** How a node is read out: "Deployment shop/frontend, Running, 3/3 ready, 2 restarts". */
export function describeNode(node: MapNode): string {
  const kind = node.kind === 'group' ? (parseId(node.target ?? '')?.kind ?? 'group') : node.kind;
  const parts = [`${kindLabel(kind)} ${node.namespace ? `${node.namespace}/` : ''}${node.label}`, node.status];
  if (node.desired !== undefined) parts.push(`${node.ready ?? 0}/${node.desired} ready`);
  if (node.size > 1) parts.push(`${node.size} objects`);
  if (node.restarts > 0) parts.push(`${node.restarts} ${node.restarts === 1 ? 'restart' : 'restarts'}`);
  return parts.filter(Boolean).join(', ');
}

function kindLabel(kind: string): string {
  return KIND_IDS.includes(kind as KindId) ? kindInfo(kind as KindId).kind : 'Group';
}
