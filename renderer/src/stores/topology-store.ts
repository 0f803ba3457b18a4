/**
 * The topology view's state on the UI thread: what the user asked for (view, filters, unfolded
 * groups, map or table, focus) and what the worker last said (the drawn graph, live/paused, pending
 * changes, history range). Positions never pass through here: they go straight to the canvas.
 */
import { create } from 'zustand';
import type { ViewComplexity } from '../../../shared/topology/pipeline';
import type { TopoFilter, TopoViewId, ViewEdge } from '../../../shared/topology/view-graph';
import type { LayoutStats, MapNode } from '../views/topology/worker/protocol';

export const TOPOLOGY_VIEWS: ReadonlyArray<{ id: TopoViewId; label: string }> = [
  { id: 'workloads', label: 'Workloads' },
  { id: 'pods', label: 'Pods' },
  { id: 'services', label: 'Services' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'namespaces', label: 'Namespaces' },
];

export interface TopologyStatus {
  /** The first snapshot has arrived. */
  loaded: boolean;
  paused: boolean;
  /** Objects changed since pausing, applied on Resume. */
  pending: number;
  history?: { from: number; to: number };
  /** Paused and looking back: the time shown. */
  scrubAt: number | null;
}

export interface TopologyGraph {
  generation: number;
  /** In the worker's layout order: index i has positions 2i and 2i+1. */
  nodes: MapNode[];
  edges: ViewEdge[];
  complexity?: ViewComplexity;
}

export interface TopologyStoreState {
  view: TopoViewId;
  filter: TopoFilter;
  /** Group ids unfolded by double-click: they stay unfolded whatever the zoom. */
  expanded: string[];
  /** Group ids unfolded by zooming in on them (semantic zoom); refolded by zooming out. */
  autoExpanded: string[];
  display: 'map' | 'table';
  status: TopologyStatus;
  graph: TopologyGraph;
  stats?: LayoutStats;
  focusId?: string;
  error?: string;
  setView(view: TopoViewId): void;
  setFilter(change: Partial<TopoFilter>): void;
  toggleExpanded(id: string): void;
  setAutoExpanded(ids: string[]): void;
  setDisplay(display: 'map' | 'table'): void;
  setFocus(id: string | undefined): void;
  receiveGraph(graph: TopologyGraph): void;
  receiveStatus(status: TopologyStatus): void;
  receiveStats(stats: LayoutStats): void;
  fail(error: string | undefined): void;
}

export const useTopologyStore = create<TopologyStoreState>()((set) => ({
  view: 'workloads',
  filter: {},
  expanded: [],
  autoExpanded: [],
  display: 'map',
  status: { loaded: false, paused: false, pending: 0, scrubAt: null },
  graph: { generation: 0, nodes: [], edges: [] },
  setView: (view) => set({ view, expanded: [], autoExpanded: [], focusId: undefined }),
  setFilter: (change) => set((s) => ({ filter: { ...s.filter, ...change } })),
  toggleExpanded: (id) =>
    set((s) => ({
      expanded: s.expanded.includes(id) ? s.expanded.filter((e) => e !== id) : [...s.expanded, id],
      autoExpanded: s.autoExpanded.filter((e) => e !== id),
    })),
  setAutoExpanded: (autoExpanded) => set({ autoExpanded }),
  setDisplay: (display) => set({ display }),
  setFocus: (focusId) => set({ focusId }),
  receiveGraph: (graph) => set({ graph }),
  receiveStatus: (status) => set({ status }),
  receiveStats: (stats) => set({ stats }),
  fail: (error) => set({ error }),
}));

/** "Workloads view: 212 nodes, 340 edges, paused, 17 changes pending": the map stated in words. */
export function describeTopology(s: Pick<TopologyStoreState, 'view' | 'status' | 'graph'>): string {
  const label = TOPOLOGY_VIEWS.find((v) => v.id === s.view)?.label ?? s.view;
  if (!s.status.loaded) return `${label} view: loading`;
  const n = s.graph.nodes.length;
  const e = s.graph.edges.length;
  const counts = `${n} ${n === 1 ? 'node' : 'nodes'}, ${e} ${e === 1 ? 'edge' : 'edges'}`;
  if (!s.status.paused) return `${label} view: ${counts}, live`;
  const pending = `${s.status.pending} ${s.status.pending === 1 ? 'change' : 'changes'} pending`;
  const at = s.status.scrubAt === null ? '' : `, showing ${new Date(s.status.scrubAt).toLocaleTimeString()}`;
  return `${label} view: ${counts}, paused, ${pending}${at}`;
}
