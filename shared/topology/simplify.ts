/**
 * Removes what the picture already says another way, and nothing else:
 * - an edge from a node to its own container (a pod group's `runs-on` its node in the Nodes view,
 *   drawn inside that node's hull);
 * - parallel edges of one kind between the same two nodes that differ only by port: one edge
 *   listing the ports, counts summed.
 */
import { edgeId } from './relations';
import type { ViewEdge, ViewGraph } from './view-graph';

export function simplifyGraph(graph: ViewGraph): ViewGraph {
  const container = new Map<string, string>();
  for (const node of graph.nodes) if (node.container !== undefined) container.set(node.id, node.container);
  const merged = new Map<string, ViewEdge>();
  let changed = false;
  for (const edge of graph.edges) {
    if (container.get(edge.source) === edge.target) {
      changed = true;
      continue;
    }
    if (edge.port === undefined) {
      merged.set(edge.id, edge);
      continue;
    }
    const id = edgeId(edge.kind, edge.source, edge.target);
    const existing = merged.get(id);
    if (!existing) {
      merged.set(id, edge);
      continue;
    }
    changed = true;
    const ports = new Set([...(existing.port?.split(',') ?? []), edge.port]);
    merged.set(id, { ...existing, id, port: [...ports].sort().join(','), count: existing.count + edge.count });
  }
  return changed ? { nodes: graph.nodes, edges: [...merged.values()] } : graph;
}
