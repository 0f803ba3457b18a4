/** What changed between two view graphs, in one pass over each, so the layout moves only that. */
import type { ViewEdge, ViewGraph, ViewGraphDiff, ViewNode } from './view-graph';

export function diffViewGraphs(prev: ViewGraph | undefined, next: ViewGraph): ViewGraphDiff {
  const diff: ViewGraphDiff = { added: [], updated: [], removed: [], addedEdges: [], removedEdges: [], updatedEdges: [] };
  const before = new Map(prev?.nodes.map((n) => [n.id, n]));
  for (const node of next.nodes) {
    const old = before.get(node.id);
    if (!old) diff.added.push(node);
    else if (!sameViewNode(old, node)) diff.updated.push(node);
    before.delete(node.id);
  }
  diff.removed = [...before.keys()];
  const edgesBefore = new Map(prev?.edges.map((e) => [e.id, e]));
  for (const edge of next.edges) {
    const old = edgesBefore.get(edge.id);
    if (!old) diff.addedEdges.push(edge);
    else if (!sameViewEdge(old, edge)) diff.updatedEdges.push(edge);
    edgesBefore.delete(edge.id);
  }
  diff.removedEdges = [...edgesBefore.keys()];
  return diff;
}

export function isEmptyDiff(diff: ViewGraphDiff): boolean {
  return (
    diff.added.length + diff.updated.length + diff.removed.length + diff.addedEdges.length + diff.removedEdges.length + diff.updatedEdges.length === 0
  );
}

function sameViewNode(a: ViewNode, b: ViewNode): boolean {
  if (
    a === b ||
    (a.kind === b.kind &&
      a.label === b.label &&
      a.health === b.health &&
      a.status === b.status &&
      a.restarts === b.restarts &&
      a.ready === b.ready &&
      a.desired === b.desired &&
      a.container === b.container &&
      a.load?.cpu === b.load?.cpu &&
      a.load?.memory === b.load?.memory &&
      a.counts.ok === b.counts.ok &&
      a.counts.pending === b.counts.pending &&
      a.counts.failed === b.counts.failed &&
      a.counts.terminating === b.counts.terminating &&
      a.counts.unknown === b.counts.unknown &&
      a.members.length === b.members.length)
  ) {
    return a === b || a.members.every((m, i) => m === b.members[i]);
  }
  return false;
}

function sameViewEdge(a: ViewEdge, b: ViewEdge): boolean {
  return a.source === b.source && a.target === b.target && a.kind === b.kind && a.port === b.port && a.count === b.count;
}
