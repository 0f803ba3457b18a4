/**
 * The relation graph, kept up to date row by row. Each relation of the table files rows under its
 * keys; an upsert looks up only the rows under its own keys, so a change costs what it touches, and
 * building 10k pods costs O(rows × labels), never rows². Changes collect until `drain`, which is
 * also how they coalesce while a consumer is slow: a node changed five times is sent once.
 */
import type { KindId } from '../model/kinds';
import type { OwnerRef, ResourceRow } from '../model/rows';
import { rowKey } from '../model/rows';
import type { TopoEdge, TopoLoad, TopoNode } from './graph';
import { kindIdOf } from './ids';
import { isTopologyKind, projectNode, type ProjectionContext } from './node-projection';
import { isWorkloadKind, RELATIONS, uidKey, type RelationDef } from './relation-table';

export interface TopologyDelta {
  upsertedNodes: TopoNode[];
  removedNodes: string[];
  upsertedEdges: TopoEdge[];
  removedEdges: string[];
  /** Nodes whose only change is their load. */
  loads?: Array<[string, TopoLoad | null]>;
}

/**
 * A row with the keys it is filed under, per relation (by table index). Keys are a pure function
 * of the row, but kept: unfiling an old row must use exactly the keys it was filed with.
 */
interface Entry {
  row: ResourceRow;
  probeKeys: Array<string[] | undefined>;
  targetKeys: Array<string[] | undefined>;
}

const OWNS = RELATIONS.findIndex((r) => r.kind === 'owns');

/** Per kind, the relations it probes in and is filed in (by table index), to skip the rest. */
const ROLES = new Map<KindId, { probe: number[]; target: number[] }>();
RELATIONS.forEach((relation, i) => {
  for (const kind of relation.probe.kinds) roles(kind).probe.push(i);
  for (const kind of relation.target.kinds) roles(kind).target.push(i);
});
function roles(kind: KindId): { probe: number[]; target: number[] } {
  let r = ROLES.get(kind);
  if (!r) ROLES.set(kind, (r = { probe: [], target: [] }));
  return r;
}

export const edgeId = (kind: string, source: string, target: string, port?: string): string =>
  `${kind}:${source}->${target}${port ? `:${port}` : ''}`;

/**
 * Loads are shown as a fill: a change of less than 5 points is not worth sending 10k nodes every
 * poll (metrics jitter moves most pods a little each time).
 */
const LOAD_STEP = 0.05;
const round = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.round(v * 100) / 100);
const moved = (a: number | undefined, b: number | undefined): boolean =>
  (a === undefined) !== (b === undefined) || (a !== undefined && b !== undefined && Math.abs(a - b) >= LOAD_STEP);

export class RelationIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly nodes = new Map<string, TopoNode>();
  private readonly edges = new Map<string, TopoEdge>();
  /** Relation edges touching each node, both directions. */
  private readonly incident = new Map<string, Set<string>>();
  private readonly probeIndex = RELATIONS.map(() => new Map<string, Set<string>>());
  private readonly targetIndex = RELATIONS.map(() => new Map<string, Set<string>>());
  private readonly byUid = new Map<string, string>();
  /** Failing pods per workload, so a workload's health knows of them without scanning. */
  private readonly failing = new Map<string, Set<string>>();
  private readonly loads = new Map<string, TopoLoad>();
  /** Edges from each traffic source, replaced whole on every report. */
  private readonly traffic = new Map<string, Map<string, TopoEdge>>();
  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyEdges = new Set<string>();
  private readonly dirtyLoads = new Set<string>();

  private readonly ctx: ProjectionContext = {
    workloadOf: (row) => this.workloadOf(row),
    hasFailedMembers: (id) => (this.failing.get(id)?.size ?? 0) > 0,
  };

  get size(): { nodes: number; edges: number } {
    return { nodes: this.nodes.size, edges: this.edges.size };
  }

  /** Pending changes since the last drain. */
  get pending(): number {
    return this.dirtyNodes.size + this.dirtyEdges.size + this.dirtyLoads.size;
  }

  upsert(row: ResourceRow): void {
    if (!isTopologyKind(row.kind)) return;
    const previous = this.entries.get(row.key);
    const hadController = previous ? controllerRef(previous.row)?.uid : undefined;
    if (previous) this.unfile(previous);
    const entry: Entry = { row, probeKeys: [], targetKeys: [] };
    this.entries.set(row.key, entry);
    if (row.uid) this.byUid.set(uidKey(row.cluster, row.uid), row.key);
    this.file(entry);
    this.relink(entry);
    this.project(row.key);
    // Resolution of the workload below this row changes only when it appears or is re-parented.
    if (isWorkloadKind(row.kind) && (!previous || hadController !== controllerRef(row)?.uid)) this.reprojectChildren(row);
  }

  remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.unfile(entry);
    this.entries.delete(key);
    const { row } = entry;
    if (row.uid && this.byUid.get(uidKey(row.cluster, row.uid)) === key) this.byUid.delete(uidKey(row.cluster, row.uid));
    for (const id of this.incident.get(key) ?? []) this.dropEdge(id);
    this.incident.delete(key);
    const node = this.nodes.get(key);
    if (node) this.setFailing(node, false);
    this.nodes.delete(key);
    this.loads.delete(key);
    this.dirtyNodes.add(key);
    if (isWorkloadKind(row.kind)) this.reprojectChildren(row);
  }

  /** Removes the rows a predicate picks (those a new cache of their cluster no longer holds). */
  removeWhere(pick: (row: ResourceRow) => boolean): void {
    for (const entry of [...this.entries.values()]) if (pick(entry.row)) this.remove(entry.row.key);
  }

  /** Forgets every row of one cluster (it disconnected). */
  removeCluster(cluster: string): void {
    for (const entry of [...this.entries.values()]) if (entry.row.cluster === cluster) this.remove(entry.row.key);
    for (const [source, edges] of this.traffic) {
      this.setTraffic(source, [...edges.values()].filter((e) => !e.source.startsWith(`${cluster}/`)));
    }
  }

  /** Metrics for one node; undefined clears them. Changes the fill would not show are dropped. */
  setLoad(id: string, load: TopoLoad | undefined): void {
    const next = load && { ...(load.cpu !== undefined ? { cpu: round(load.cpu) } : {}), ...(load.memory !== undefined ? { memory: round(load.memory) } : {}) };
    const prev = this.loads.get(id);
    if (!moved(prev?.cpu, next?.cpu) && !moved(prev?.memory, next?.memory)) return;
    if (next) this.loads.set(id, next);
    else this.loads.delete(id);
    const node = this.nodes.get(id);
    if (!node) return;
    const { load: _old, ...rest } = node;
    this.nodes.set(id, next ? { ...rest, load: next } : rest);
    if (!this.dirtyNodes.has(id)) this.dirtyLoads.add(id);
  }

  /** Replaces the edges one traffic source reports (a node agent's observed connections). */
  setTraffic(source: string, edges: readonly TopoEdge[]): void {
    const prev = this.traffic.get(source) ?? new Map<string, TopoEdge>();
    const next = new Map(edges.map((e) => [e.id, { ...e, kind: 'traffic' as const }]));
    for (const id of prev.keys()) {
      if (!next.has(id)) {
        this.edges.delete(id);
        this.dirtyEdges.add(id);
      }
    }
    for (const [id, edge] of next) {
      const old = prev.get(id);
      if (old && old.count === edge.count && old.port === edge.port) continue;
      this.edges.set(id, edge);
      this.dirtyEdges.add(id);
    }
    if (next.size > 0) this.traffic.set(source, next);
    else this.traffic.delete(source);
  }

  snapshot(): { nodes: TopoNode[]; edges: TopoEdge[] } {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }

  /** What changed since the last drain; a consumer starting from `snapshot()` drains right after it. */
  drain(): TopologyDelta {
    const delta: TopologyDelta = { upsertedNodes: [], removedNodes: [], upsertedEdges: [], removedEdges: [] };
    for (const id of this.dirtyNodes) {
      const node = this.nodes.get(id);
      if (node) delta.upsertedNodes.push(node);
      else delta.removedNodes.push(id);
    }
    for (const id of this.dirtyEdges) {
      const edge = this.edges.get(id);
      if (edge) delta.upsertedEdges.push(edge);
      else delta.removedEdges.push(id);
    }
    for (const id of this.dirtyLoads) {
      const node = this.dirtyNodes.has(id) ? undefined : this.nodes.get(id);
      if (node) (delta.loads ??= []).push([id, node.load ?? null]);
    }
    this.dirtyNodes.clear();
    this.dirtyEdges.clear();
    this.dirtyLoads.clear();
    return delta;
  }

  private file(entry: Entry): void {
    const { probe, target } = ROLES.get(entry.row.kind) ?? NO_ROLES;
    for (const i of probe) {
      const keys = RELATIONS[i]!.probe.keys(entry.row);
      entry.probeKeys[i] = keys;
      for (const key of keys ?? []) addTo(this.probeIndex[i]!, key, entry.row.key);
    }
    for (const i of target) {
      const keys = RELATIONS[i]!.target.keys(entry.row);
      entry.targetKeys[i] = keys;
      for (const key of keys ?? []) addTo(this.targetIndex[i]!, key, entry.row.key);
    }
  }

  private unfile(entry: Entry): void {
    entry.probeKeys.forEach((keys, i) => keys?.forEach((key) => removeFrom(this.probeIndex[i]!, key, entry.row.key)));
    entry.targetKeys.forEach((keys, i) => keys?.forEach((key) => removeFrom(this.targetIndex[i]!, key, entry.row.key)));
  }

  /** Recomputes the relation edges of one row from the index and applies only the difference. */
  private relink(entry: Entry): void {
    const id = entry.row.key;
    const next = new Map<string, TopoEdge>();
    for (let i = 0; i < RELATIONS.length; i++) {
      const relation = RELATIONS[i]!;
      for (const key of entry.probeKeys[i] ?? []) {
        for (const other of this.targetIndex[i]!.get(key) ?? []) if (other !== id) this.link(next, relation, entry.row, this.entries.get(other)!.row);
      }
      for (const key of entry.targetKeys[i] ?? []) {
        for (const other of this.probeIndex[i]!.get(key) ?? []) if (other !== id) this.link(next, relation, this.entries.get(other)!.row, entry.row);
      }
    }
    const old = this.incident.get(id);
    for (const edgeId of old ?? []) if (!next.has(edgeId)) this.dropEdge(edgeId);
    for (const [eid, edge] of next) {
      if (old?.has(eid)) continue;
      this.edges.set(eid, edge);
      addTo(this.incident, edge.source, eid);
      addTo(this.incident, edge.target, eid);
      this.dirtyEdges.add(eid);
    }
  }

  private link(into: Map<string, TopoEdge>, relation: RelationDef, probe: ResourceRow, target: ResourceRow): void {
    if (relation.match && !relation.match(probe, target)) return;
    const [source, dest] = relation.from === 'probe' ? [probe.key, target.key] : [target.key, probe.key];
    const id = edgeId(relation.kind, source, dest);
    into.set(id, { id, source, target: dest, kind: relation.kind });
  }

  private dropEdge(id: string): void {
    const edge = this.edges.get(id);
    if (!edge || edge.kind === 'traffic') return;
    this.edges.delete(id);
    this.incident.get(edge.source)?.delete(id);
    this.incident.get(edge.target)?.delete(id);
    this.dirtyEdges.add(id);
  }

  /** (Re)builds one row's node; returns whether it changed. */
  private project(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    const node = projectNode(entry.row, this.ctx);
    const load = this.loads.get(id);
    if (load) node.load = load;
    const prev = this.nodes.get(id);
    if (prev && prev.workload !== node.workload) this.setFailing(prev, false);
    this.nodes.set(id, node);
    this.setFailing(node, node.health === 'failed');
    const changed = !prev || !sameNode(prev, node);
    if (changed) this.dirtyNodes.add(id);
    return changed;
  }

  /** Keeps a workload's failing-pod set, and re-projects the workload when it empties or fills. */
  private setFailing(node: TopoNode, failing: boolean): void {
    if (node.kind !== 'pods' || node.workload === undefined) return;
    let set = this.failing.get(node.workload);
    const before = (set?.size ?? 0) > 0;
    if (failing) {
      if (!set) this.failing.set(node.workload, (set = new Set()));
      set.add(node.id);
    } else if (set) {
      set.delete(node.id);
      if (set.size === 0) this.failing.delete(node.workload);
    }
    if (before !== (set?.size ?? 0) > 0) this.project(node.workload);
  }

  /** Rows this workload controls re-resolve their workload (and theirs, down to the pods). */
  private reprojectChildren(row: ResourceRow): void {
    const stack = [row];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (!parent.uid) continue;
      for (const child of this.probeIndex[OWNS]!.get(uidKey(parent.cluster, parent.uid)) ?? []) {
        const before = this.nodes.get(child)?.workload;
        this.project(child);
        const entry = this.entries.get(child);
        if (entry && before !== this.nodes.get(child)?.workload && isWorkloadKind(entry.row.kind)) stack.push(entry.row);
      }
    }
  }

  /** The topmost controlling workload, through ReplicaSets to Deployments and Jobs to CronJobs. */
  private workloadOf(row: ResourceRow): string | undefined {
    if (row.kind !== 'pods' && row.kind !== 'replicasets' && row.kind !== 'jobs') return undefined;
    let top: string | undefined;
    let current: ResourceRow | undefined = row;
    for (let depth = 0; current && depth < 4; depth++) {
      const ref = controllerRef(current);
      if (!ref) break;
      const found = this.byUid.get(uidKey(current.cluster, ref.uid));
      const kind = kindIdOf(ref.kind);
      if (!found && (!kind || !isWorkloadKind(kind))) break;
      top = found ?? rowKey(current.cluster, kind!, current.namespace, ref.name);
      current = found ? this.entries.get(found)?.row : undefined;
    }
    return top;
  }
}

const NO_ROLES = { probe: [], target: [] };

function controllerRef(row: ResourceRow): OwnerRef | undefined {
  const owners = row.owners;
  if (!owners) return undefined;
  const controller = owners.find((o) => o.controller);
  if (controller) return isWorkloadRef(controller) ? controller : undefined;
  return owners.find(isWorkloadRef);
}

function isWorkloadRef(ref: OwnerRef): boolean {
  const kind = kindIdOf(ref.kind);
  return kind !== undefined && isWorkloadKind(kind);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

function sameNode(a: TopoNode, b: TopoNode): boolean {
  return (
    a.health === b.health &&
    a.status === b.status &&
    a.restarts === b.restarts &&
    a.ready === b.ready &&
    a.desired === b.desired &&
    a.workload === b.workload &&
    a.host === b.host &&
    a.labels === b.labels &&
    a.load?.cpu === b.load?.cpu &&
    a.load?.memory === b.load?.memory
  );
}
