import { describe, expect, it } from 'vitest';
import { generateTopologyFixture } from '../../../../../shared/topology/fixtures';
import type { Health } from '../../../../../shared/topology/graph';
import { buildViewGraph } from '../../../../../shared/topology/pipeline';
import type { ViewEdge, ViewGraph, ViewGraphDiff, ViewNode } from '../../../../../shared/topology/view-graph';
import { ForceLayout, GAP } from './force-layout';
import { BASE_RADIUS } from './geometry';

const counts = (): Record<Health, number> => ({ ok: 1, pending: 0, failed: 0, terminating: 0, unknown: 0 });

function node(ns: string, kind: ViewNode['kind'], name: string, members = 1): ViewNode {
  const id = `c/${kind}/${ns}/${name}`;
  return {
    id,
    kind,
    label: name,
    health: 'ok',
    status: 'Running',
    cluster: 'c',
    namespace: ns,
    members: Array.from({ length: members }, (_, i) => `${id}#${i}`),
    counts: counts(),
    restarts: 0,
    container: ns,
  };
}

const edge = (kind: ViewEdge['kind'], source: string, target: string): ViewEdge => ({
  id: `${kind}:${source}->${target}`,
  kind,
  source,
  target,
  count: 1,
});

/** Namespaces of workloads (groups of pods) and services selecting them, as the Workloads view draws. */
function workloadsGraph(namespaces: number, perNamespace: number): ViewGraph {
  const nodes: ViewNode[] = [];
  const edges: ViewEdge[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    for (let w = 0; w < perNamespace; w++) {
      const workload = node(ns, 'group', `svc-${w}`, 1 + (w % 5));
      nodes.push(workload);
      if (w % 2 === 0) {
        const service = node(ns, 'services', `svc-${w}`);
        nodes.push(service);
        edges.push(edge('selects', service.id, workload.id));
      }
      if (w > 0 && w % 3 === 0) edges.push(edge('traffic', workload.id, `c/group/${ns}/svc-${w - 1}`));
    }
  }
  return { nodes, edges };
}

const emptyDiff = (): ViewGraphDiff => ({ added: [], updated: [], removed: [], addedEdges: [], removedEdges: [], updatedEdges: [] });

function settle(layout: ForceLayout): void {
  layout.run(10_000);
  expect(layout.stable).toBe(true);
}

function snapshot(layout: ForceLayout): Map<string, { x: number; y: number }> {
  return new Map(layout.ids().map((id) => [id, layout.positionOf(id)!]));
}

/** Mean distance between overlapping nodes' positions, in node radii. */
function meanDrift(before: Map<string, { x: number; y: number }>, after: ForceLayout, skip: Set<string>): number {
  let sum = 0;
  let n = 0;
  for (const [id, p] of before) {
    const q = after.positionOf(id);
    if (!q || skip.has(id)) continue;
    sum += Math.hypot(q.x - p.x, q.y - p.y);
    n++;
  }
  return sum / n / BASE_RADIUS;
}

describe('ForceLayout', () => {
  it('is deterministic: the same graph, in any order, gives the same positions', () => {
    const graph = workloadsGraph(6, 40);
    const a = new ForceLayout();
    a.reset(graph);
    settle(a);
    const b = new ForceLayout();
    b.reset({ nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() });
    settle(b);
    for (const id of a.ids()) expect(b.positionOf(id)).toEqual(a.positionOf(id));
  });

  it('draws the same cluster the same way every time (the pipeline fixture, Workloads and Pods views)', () => {
    for (const view of ['workloads', 'pods'] as const) {
      const graph = buildViewGraph(generateTopologyFixture(1_000), { view });
      const runs = [0, 1].map(() => {
        const layout = new ForceLayout();
        layout.reset(buildViewGraph(generateTopologyFixture(1_000), { view }));
        settle(layout);
        return layout;
      });
      for (const n of graph.nodes) expect(runs[1]!.positionOf(n.id)).toEqual(runs[0]!.positionOf(n.id));
    }
  });

  it('keeps nodes apart and each namespace around its own anchor', () => {
    const layout = new ForceLayout();
    const graph = workloadsGraph(4, 60);
    layout.reset(graph);
    settle(layout);
    const centroid = (ns: string) => {
      const members = graph.nodes.filter((n) => n.namespace === ns).map((n) => layout.positionOf(n.id)!);
      return { x: members.reduce((s, p) => s + p.x, 0) / members.length, y: members.reduce((s, p) => s + p.y, 0) / members.length };
    };
    const c0 = centroid('team-0');
    const c1 = centroid('team-1');
    expect(Math.hypot(c0.x - c1.x, c0.y - c1.y)).toBeGreaterThan(100);
    let overlaps = 0;
    const ps = graph.nodes.map((n) => layout.positionOf(n.id)!);
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++) if (Math.hypot(ps[i]!.x - ps[j]!.x, ps[i]!.y - ps[j]!.y) < BASE_RADIUS) overlaps++;
    expect(overlaps).toBe(0);
  });

  it('is stable: after a 5% change, unchanged nodes move on average less than one node radius', () => {
    const layout = new ForceLayout();
    const graph = workloadsGraph(10, 100);
    layout.reset(graph);
    settle(layout);
    const before = snapshot(layout);
    const diff = emptyDiff();
    const changes = Math.round(graph.nodes.length * 0.05);
    // Half new workloads with a service each (linked to their namespace's first workload), half removals.
    for (let i = 0; i < changes / 2; i++) {
      const ns = `team-${i % 10}`;
      const workload = node(ns, 'group', `new-${i}`, 3);
      diff.added.push(workload);
      diff.addedEdges.push(edge('traffic', workload.id, `c/group/${ns}/svc-0`));
    }
    for (let i = 0; i < changes / 2; i++) diff.removed.push(`c/group/team-${i % 10}/svc-${99 - Math.floor(i / 10) * 2}`);
    expect(layout.apply(diff)).toBe(true);
    expect(layout.alpha).toBeLessThan(0.1);
    settle(layout);
    const drift = meanDrift(before, layout, new Set(diff.removed));
    expect(drift).toBeLessThan(1);
  });

  it('starts a new node beside its neighbours', () => {
    const layout = new ForceLayout();
    const graph = workloadsGraph(3, 30);
    layout.reset(graph);
    settle(layout);
    const anchor = layout.positionOf('c/group/team-2/svc-10')!;
    const diff = emptyDiff();
    const added = node('team-2', 'pods', 'lonely');
    diff.added.push(added);
    diff.addedEdges.push(edge('owns', 'c/group/team-2/svc-10', added.id));
    layout.apply(diff);
    const p = layout.positionOf(added.id)!;
    // Within two spacings of its neighbour, in a packed namespace.
    expect(Math.hypot(p.x - anchor.x, p.y - anchor.y)).toBeLessThan((2 * BASE_RADIUS + GAP) * 2);
  });

  it('does not reheat on a removal, and a pinned node stays where it was dropped', () => {
    const layout = new ForceLayout();
    layout.reset(workloadsGraph(2, 20));
    settle(layout);
    expect(layout.apply({ ...emptyDiff(), removed: ['c/group/team-0/svc-3'] })).toBe(false);
    expect(layout.stable).toBe(true);
    layout.pin('c/group/team-1/svc-4', 500, -500);
    settle(layout);
    expect(layout.positionOf('c/group/team-1/svc-4')).toEqual({ x: 500, y: -500 });
  });

  it('lays out 10,000 nodes within bounded ticks, fast enough for a worker', () => {
    const layout = new ForceLayout();
    layout.reset(workloadsGraph(25, 270));
    expect(layout.size).toBeGreaterThan(10_000);
    const started = performance.now();
    const ticks = layout.run(60);
    const perTick = (performance.now() - started) / ticks;
    // d3-force costs ~100 ms per tick at this size here; the budget leaves room for a busy machine.
    expect(perTick).toBeLessThan(40);
  });
});
