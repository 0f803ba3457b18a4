/**
 * Narrows the relation graph to what the user asked for. Edges stay only between survivors. A pod
 * that survives keeps the workloads it folds into (its ReplicaSet, Deployment, Job, CronJob), so
 * grouping still finds its group: filtering for one crash-looping pod shows it inside its workload.
 */
import { matchesRequirements, parseLabelSelector } from '../model/label-selector';
import type { TopoEdge, TopoNode } from './graph';
import type { GraphState, TopoFilter } from './view-graph';

/** Throws, naming the problem, when the label selector is malformed. */
export function filterGraph(state: GraphState, filter: TopoFilter): GraphState {
  const test = compile(filter);
  if (!test) return state;
  const nodes = new Map<string, TopoNode>();
  for (const [id, node] of state.nodes) if (test(node)) nodes.set(id, node);
  // Owners of surviving pods and folded controllers, through the owns edges (controller first).
  const carriers = new Map<string, string>();
  for (const edge of state.edges.values()) if (edge.kind === 'owns') carriers.set(edge.target, edge.source);
  for (const node of [...nodes.values()]) {
    if (node.workload === undefined) continue;
    let id: string | undefined = node.id;
    while ((id = carriers.get(id)) !== undefined && !nodes.has(id)) {
      const owner = state.nodes.get(id);
      if (!owner) break;
      nodes.set(id, owner);
    }
    const workload = state.nodes.get(node.workload);
    if (workload && !nodes.has(workload.id)) nodes.set(workload.id, workload);
  }
  const edges = new Map<string, TopoEdge>();
  for (const [id, edge] of state.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.set(id, edge);
  return { nodes, edges };
}

function compile(filter: TopoFilter): ((node: TopoNode) => boolean) | undefined {
  const tests: Array<(node: TopoNode) => boolean> = [];
  if (filter.namespaces?.length) {
    const namespaces = new Set(filter.namespaces);
    // Cluster-scoped objects (nodes) have no namespace to filter on, as in the resource tables.
    tests.push((n) => n.namespace === undefined || namespaces.has(n.namespace));
  }
  if (filter.kinds?.length) {
    const kinds = new Set(filter.kinds);
    tests.push((n) => kinds.has(n.kind));
  }
  if (filter.labelSelector?.trim()) {
    const requirements = parseLabelSelector(filter.labelSelector);
    tests.push((n) => matchesRequirements(n.labels, requirements));
  }
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    tests.push((n) => n.name.toLowerCase().includes(text) || (n.namespace ?? '').toLowerCase().includes(text) || n.kind.includes(text) || n.status.toLowerCase().includes(text));
  }
  if (filter.onlyUnhealthy) tests.push((n) => n.health !== 'ok');
  if (tests.length === 0) return undefined;
  return (node) => tests.every((t) => t(node));
}
