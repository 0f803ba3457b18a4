/**
 * Scope's views over the relation graph: which drawn node each object folds into, and the edges
 * re-pointed to those nodes and aggregated per (source, target, kind, port). Nothing is dropped:
 * every object a view covers is a member of exactly one drawn node.
 */
import type { KindId } from '../model/kinds';
import type { Health, RelationKind, TopoNode } from './graph';
import { namespaceId, parseId } from './ids';
import { isWorkloadKind } from './relation-table';
import { edgeId } from './relations';
import type { GraphState, TopoViewId, ViewEdge, ViewGraph, ViewNode } from './view-graph';

export interface GroupOptions {
  /** Group ids whose members are drawn one by one (the user zoomed into a workload). */
  expanded?: ReadonlySet<string>;
}

/** A workload's group; in the Nodes view, its pods on one node. */
export const groupId = (workload: string, host?: string): string => (host ? `group:${workload}@${host}` : `group:${workload}`);

interface Placement {
  id: string;
  kind: KindId | 'group';
  label: string;
  container?: string;
  /** This object is the one the group stands for (the Deployment of its group). */
  anchor?: boolean;
}

interface Builder {
  place: Placement;
  cluster: string;
  namespace?: string;
  anchor?: TopoNode;
  members: TopoNode[];
}

type Place = (node: TopoNode) => Placement | undefined;

const HEALTH_RANK: Record<Health, number> = { ok: 0, terminating: 1, unknown: 2, pending: 3, failed: 4 };
const SHOWN_WITH_WORKLOADS = new Set<KindId>([
  'services', 'ingresses', 'configmaps', 'secrets', 'persistentvolumeclaims', 'networkpolicies', 'horizontalpodautoscalers',
]);

const KIND_CODE: Record<RelationKind, number> = {
  owns: 0, selects: 1, routes: 2, 'runs-on': 3, mounts: 4, config: 5, secret: 6, policy: 7, scales: 8, traffic: 9,
};

export function groupGraph(state: GraphState, view: TopoViewId, options: GroupOptions = {}): ViewGraph {
  const expanded = options.expanded ?? new Set<string>();
  const place = PLACERS[view](expanded, new Map());
  const builders: Builder[] = [];
  const byId = new Map<string, number>();
  // Each object's drawn node, as a number: edges aggregate under numeric keys, not long strings.
  const rep = new Map<string, number>();
  for (const node of state.nodes.values()) {
    const placement = place(node);
    if (!placement) continue;
    let at = byId.get(placement.id);
    if (at === undefined) {
      at = builders.push({ place: placement, cluster: node.cluster, ...(node.namespace !== undefined ? { namespace: node.namespace } : {}), members: [] }) - 1;
      byId.set(placement.id, at);
    }
    rep.set(node.id, at);
    const builder = builders[at]!;
    builder.members.push(node);
    if (placement.anchor) builder.anchor = node;
  }
  // Per source, keyed by target and kind (small integers: V8's fast map keys).
  const plain: Array<Map<number, ViewEdge> | undefined> = [];
  const withPort = new Map<string, ViewEdge>();
  const edges: ViewEdge[] = [];
  for (const edge of state.edges.values()) {
    const s = rep.get(edge.source);
    const t = rep.get(edge.target);
    if (s === undefined || t === undefined || s === t) continue;
    const count = edge.count ?? 1;
    const key = t * 16 + KIND_CODE[edge.kind];
    const bySource = (plain[s] ??= new Map());
    const existing = edge.port === undefined ? bySource.get(key) : withPort.get(`${s}:${key}:${edge.port}`);
    if (existing) {
      existing.count += count;
      continue;
    }
    const source = builders[s]!.place.id;
    const target = builders[t]!.place.id;
    const made: ViewEdge = { id: edgeId(edge.kind, source, target, edge.port), source, target, kind: edge.kind, ...(edge.port !== undefined ? { port: edge.port } : {}), count };
    if (edge.port === undefined) bySource.set(key, made);
    else withPort.set(`${s}:${key}:${edge.port}`, made);
    edges.push(made);
  }
  const nodes = builders.map(build);
  return view === 'services' ? behindServices(nodes, edges) : { nodes, edges };
}

/** The Services view keeps services, ingresses and what they select (and the groups owning that). */
function behindServices(nodes: ViewNode[], edges: ViewEdge[]): ViewGraph {
  const keep = new Set(nodes.filter((n) => n.kind === 'services' || n.kind === 'ingresses').map((n) => n.id));
  for (const e of edges) if (e.kind === 'selects' && keep.has(e.source)) keep.add(e.target);
  for (const e of edges) if (e.kind === 'owns' && keep.has(e.target)) keep.add(e.source);
  return { nodes: nodes.filter((n) => keep.has(n.id)), edges: edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

const own = (node: TopoNode, container?: string): Placement => ({
  id: node.id,
  kind: node.kind,
  label: node.name,
  anchor: true,
  ...(container !== undefined ? { container } : {}),
});

const nsContainer = (node: TopoNode): string | undefined => (node.namespace !== undefined ? namespaceId(node.cluster, node.namespace) : undefined);

/** Placements of groups, made once per grouping pass: thousands of pods share a few hundred. */
type GroupCache = Map<string, Placement>;

function groupOf(cache: GroupCache, workload: string, node: TopoNode, host?: string): Placement {
  // A workload's namespace is its pods' namespace: only the host varies the placement.
  const key = host === undefined ? workload : `${workload}@${host}`;
  let placement = cache.get(key);
  if (!placement) {
    const parsed = parseId(workload);
    const container = host ?? nsContainer(node);
    placement = { id: groupId(workload, host), kind: parsed?.kind ?? 'group', label: parsed?.name ?? workload, ...(container !== undefined ? { container } : {}) };
    cache.set(key, placement);
  }
  return placement;
}

/** Pods, ReplicaSets and Jobs fold into their workload's group unless it is expanded; workloads anchor theirs. */
function workloadPlacement(node: TopoNode, expanded: ReadonlySet<string>, cache: GroupCache): Placement | undefined {
  if (node.kind === 'pods') {
    if (node.workload === undefined || (expanded.size > 0 && expanded.has(groupId(node.workload)))) return own(node, nsContainer(node));
    return groupOf(cache, node.workload, node);
  }
  if (!isWorkloadKind(node.kind)) return undefined;
  if (node.workload !== undefined) return groupOf(cache, node.workload, node);
  return { ...groupOf(cache, node.id, node), anchor: true };
}

const PLACERS: Record<TopoViewId, (expanded: ReadonlySet<string>, cache: GroupCache) => Place> = {
  workloads: (expanded, cache) => (node) =>
    workloadPlacement(node, expanded, cache) ?? (SHOWN_WITH_WORKLOADS.has(node.kind) ? own(node, nsContainer(node)) : undefined),
  pods: () => (node) => (node.kind === 'pods' || node.kind === 'services' ? own(node, nsContainer(node)) : undefined),
  services: (expanded, cache) => (node) =>
    node.kind === 'services' || node.kind === 'ingresses' ? own(node, nsContainer(node)) : workloadPlacement(node, expanded, cache),
  nodes: (expanded, cache) => (node) => {
    if (node.kind === 'nodes') return own(node);
    if (node.kind !== 'pods') return undefined;
    if (node.workload === undefined || (expanded.size > 0 && expanded.has(groupId(node.workload, node.host)))) return own(node, node.host ?? nsContainer(node));
    return groupOf(cache, node.workload, node, node.host);
  },
  namespaces: () => (node) =>
    node.namespace === undefined ? undefined : { id: namespaceId(node.cluster, node.namespace), kind: 'namespaces', label: node.namespace },
};

function build(b: Builder): ViewNode {
  const counts: Record<Health, number> = { ok: 0, pending: 0, failed: 0, terminating: 0, unknown: 0 };
  const pods = b.members.filter((m) => m.kind === 'pods');
  // Badges count pods where there are any: "3 ok, 1 failed" means pods, not ReplicaSets.
  for (const m of pods.length > 0 ? pods : b.members) counts[m.health]++;
  let health: Health = 'ok';
  let restarts = 0;
  for (const m of b.members) {
    if (HEALTH_RANK[m.health] > HEALTH_RANK[health]) health = m.health;
    restarts += m.restarts ?? 0;
  }
  const anchor = b.anchor;
  const itself = anchor?.id === b.place.id ? anchor : undefined;
  const node: ViewNode = {
    id: b.place.id,
    kind: b.place.kind,
    label: b.place.label,
    health,
    status: anchor?.status ?? (pods.length > 0 ? `${counts.ok}/${pods.length} ready` : `${b.members.length} objects`),
    cluster: b.cluster,
    ...(b.namespace !== undefined ? { namespace: b.namespace } : {}),
    members: b.members.map((m) => m.id),
    counts,
    restarts,
    ...(b.place.container !== undefined ? { container: b.place.container } : {}),
  };
  if (anchor?.ready !== undefined && anchor.desired !== undefined) {
    node.ready = anchor.ready;
    node.desired = anchor.desired;
  } else if (pods.length > 0) {
    node.ready = counts.ok;
    node.desired = pods.length;
  }
  const load = itself ? itself.load : meanLoad(pods);
  if (load) node.load = load;
  return node;
}

function meanLoad(pods: TopoNode[]): ViewNode['load'] {
  let cpu = 0;
  let cpuN = 0;
  let memory = 0;
  let memoryN = 0;
  for (const p of pods) {
    if (p.load?.cpu !== undefined) {
      cpu += p.load.cpu;
      cpuN++;
    }
    if (p.load?.memory !== undefined) {
      memory += p.load.memory;
      memoryN++;
    }
  }
  if (cpuN === 0 && memoryN === 0) return undefined;
  return { ...(cpuN ? { cpu: cpu / cpuN } : {}), ...(memoryN ? { memory: memory / memoryN } : {}) };
}
