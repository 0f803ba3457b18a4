/**
 * The pure half of the topology pipeline, as the layout worker runs it on every change:
 * relation graph → filter → group (view) → simplify. Diffing against the previous result is the
 * caller's, since only it holds that result.
 */
import { filterGraph } from './filter';
import { groupGraph } from './group';
import { simplifyGraph } from './simplify';
import type { GraphState, TopoFilter, TopoViewId, ViewGraph } from './view-graph';

export interface ViewOptions {
  view: TopoViewId;
  filter?: TopoFilter;
  expanded?: ReadonlySet<string>;
}

export function buildViewGraph(state: GraphState, options: ViewOptions): ViewGraph {
  const filtered = options.filter ? filterGraph(state, options.filter) : state;
  return simplifyGraph(groupGraph(filtered, options.view, options.expanded ? { expanded: options.expanded } : {}));
}

export interface ViewComplexity {
  nodes: number;
  edges: number;
  /** Mean edges per node: past a few, a drawing turns into a hairball whatever the layout. */
  density: number;
  /** Drawn elements a person would have to scan, weighting edges half a node. */
  score: number;
  /** The picture is past what reads well: offer the table view of the same rows. */
  suggestTable: boolean;
}

/** Past this score a map stops being something one reads; the view offers the table instead. */
export const TABLE_SUGGESTION_SCORE = 2_500;
const HAIRBALL_DENSITY = 6;

export function viewComplexity(graph: ViewGraph): ViewComplexity {
  const nodes = graph.nodes.length;
  const edges = graph.edges.length;
  const density = nodes === 0 ? 0 : edges / nodes;
  const score = nodes + edges / 2;
  return { nodes, edges, density, score, suggestTable: score > TABLE_SUGGESTION_SCORE || (nodes > 50 && density > HAIRBALL_DENSITY) };
}
