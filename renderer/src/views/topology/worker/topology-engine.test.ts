import { describe, expect, it } from 'vitest';
import { generateTopologyFixture } from '../../../../../shared/topology/fixtures';
import type { TopologyEvent, TopoNode } from '../../../../../shared/topology/graph';
import type { FromWorker } from './protocol';
import { TopologyEngine, type Scheduler } from './topology-engine';

/** A clock and timers the test advances by hand: the engine's batching and ticking, without waiting. */
class ManualScheduler implements Scheduler {
  private time = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;
  after(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return () => (this.timers = this.timers.filter((t) => t.id !== id));
  }
  now(): number {
    return this.time;
  }
  /** Runs every timer, including those they schedule, until none is left. */
  drain(): void {
    for (let guard = 0; this.timers.length > 0 && guard < 100_000; guard++) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const timer = this.timers.shift()!;
      this.time = Math.max(this.time, timer.at) + 1;
      timer.fn();
    }
  }
}

function setup() {
  const state = generateTopologyFixture(200);
  const messages: FromWorker[] = [];
  const scheduler = new ManualScheduler();
  const engine = new TopologyEngine((m) => messages.push(m), scheduler);
  engine.handle({ type: 'view', view: 'workloads', filter: {}, expanded: [] });
  engine.handle({ type: 'events', events: [{ type: 'snapshot', seq: 1, nodes: [...state.nodes.values()], edges: [...state.edges.values()], last: true }] });
  scheduler.drain();
  return { state, messages, scheduler, engine };
}

const last = <T extends FromWorker['type']>(messages: FromWorker[], type: T) =>
  messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type).at(-1);

/** The drawn nodes as the UI thread holds them: the last full graph with the patches since. */
function currentNodes(messages: FromWorker[]) {
  let nodes: Extract<FromWorker, { type: 'graph' }>['nodes'] = [];
  for (const m of messages) {
    if (m.type === 'graph') nodes = m.nodes;
    if (m.type === 'graph-patch') {
      const removed = new Set(m.removed);
      nodes = nodes.filter((n) => !removed.has(n.id)).concat(m.added);
      for (const [i, n] of m.changed) nodes[i] = n;
    }
  }
  return nodes;
}

/** A delta adding `count` pods to the first deployment, at host time `at`. */
function addPods(state: ReturnType<typeof generateTopologyFixture>, seq: number, count: number, at: number): TopologyEvent {
  const pod = [...state.nodes.values()].find((n) => n.kind === 'pods' && n.workload)!;
  const added: TopoNode[] = Array.from({ length: count }, (_, i) => ({ ...pod, id: `${pod.id}-extra-${seq}-${i}`, name: `${pod.name}-extra-${seq}-${i}` }));
  return { type: 'delta', seq, at, upsertedNodes: added, removedNodes: [], upsertedEdges: [], removedEdges: [] };
}

describe('TopologyEngine', () => {
  it('lays the snapshot out and says so: graph, then positions in its order, settled', () => {
    const { messages } = setup();
    const graph = last(messages, 'graph')!;
    const positions = last(messages, 'positions')!;
    expect(graph.nodes.length).toBeGreaterThan(5);
    expect(positions.generation).toBe(graph.generation);
    expect(positions.positions.length).toBe(graph.nodes.length * 2);
    expect(positions.stable).toBe(true);
    expect(last(messages, 'status')).toMatchObject({ loaded: true, paused: false, pending: 0 });
  });

  it('while paused, buffers changes and counts them without redrawing; Resume applies them at once', () => {
    const { state, messages, scheduler, engine } = setup();
    engine.handle({ type: 'pause' });
    const before = messages.length;
    engine.handle({ type: 'events', events: [addPods(state, 2, 3, 1_000)] });
    engine.handle({ type: 'events', events: [addPods(state, 3, 2, 2_000)] });
    scheduler.drain();
    const since = messages.slice(before);
    expect(since.some((m) => m.type === 'graph' || m.type === 'positions')).toBe(false);
    expect(last(messages, 'status')).toMatchObject({ paused: true, pending: 5 });

    const group = `group:${[...state.nodes.values()].find((n) => n.kind === 'pods' && n.workload)!.workload}`;
    const sizeBefore = currentNodes(messages).find((n) => n.id === group)!.size;
    engine.handle({ type: 'resume' });
    scheduler.drain();
    expect(last(messages, 'status')).toMatchObject({ paused: false, pending: 0 });
    // The pods fold into their workload's group: only it changed, so a patch carries it.
    expect(last(messages, 'graph-patch')).toBeDefined();
    expect(currentNodes(messages).find((n) => n.id === group)!.size).toBe(sizeBefore + 5);
    expect(last(messages, 'positions')!.stable).toBe(true);
  });

  it('scrubs back through the history while paused, and returns to the pause point', () => {
    const { state, messages, scheduler, engine } = setup();
    const atStart = last(messages, 'graph')!.nodes.length;
    engine.handle({ type: 'view', view: 'pods', filter: {}, expanded: [] });
    scheduler.drain();
    const podsBefore = last(messages, 'graph')!.nodes.length;
    expect(podsBefore).toBeGreaterThan(atStart);
    const positionsById = () => {
      const p = last(messages, 'positions')!.positions;
      return new Map(currentNodes(messages).map((n, i) => [n.id, [p[i * 2]!, p[i * 2 + 1]!]]));
    };
    const placed = positionsById();
    engine.handle({ type: 'events', events: [addPods(state, 2, 4, Date.now() + 60_000)] });
    scheduler.drain();
    expect(currentNodes(messages).length).toBe(podsBefore + 4);
    // Patched node order and positions still line up: the nodes that were there barely moved.
    const now = positionsById();
    let moved = 0;
    for (const [id, [x, y]] of placed) moved += Math.hypot(now.get(id)![0]! - x!, now.get(id)![1]! - y!);
    expect(moved / placed.size).toBeLessThan(2);
    engine.handle({ type: 'pause' });
    engine.handle({ type: 'scrub', at: Date.now() - 1 });
    scheduler.drain();
    expect(currentNodes(messages).length).toBe(podsBefore);
    expect(last(messages, 'status')!.scrubAt).not.toBeNull();
    engine.handle({ type: 'scrub', at: null });
    scheduler.drain();
    expect(currentNodes(messages).length).toBe(podsBefore + 4);
    // Every positions frame matches the node order the UI thread holds at that point.
    const final = last(messages, 'positions')!;
    expect(final.positions.length).toBe(currentNodes(messages).length * 2);
  });

  it('a view chosen while paused shows the cluster as it was at the pause', () => {
    const { state, messages, scheduler, engine } = setup();
    engine.handle({ type: 'pause' });
    engine.handle({ type: 'events', events: [addPods(state, 2, 3, Date.now() + 60_000)] });
    engine.handle({ type: 'view', view: 'pods', filter: {}, expanded: [] });
    scheduler.drain();
    const paused = currentNodes(messages).length;
    engine.handle({ type: 'resume' });
    scheduler.drain();
    expect(currentNodes(messages).length).toBe(paused + 3);
  });

  it('unfolding groups (by zoom) patches the picture in place, however many pods it adds', () => {
    const { messages, scheduler, engine } = setup();
    const before = currentNodes(messages);
    const p = last(messages, 'positions')!.positions;
    const placed = new Map(before.map((n, i) => [n.id, [p[i * 2]!, p[i * 2 + 1]!] as const]));
    // The largest groups: more pods than the picture has nodes, which would otherwise reseed it.
    const groups = before.filter((n) => n.id.startsWith('group:')).sort((a, b) => b.size - a.size).slice(0, 20).map((n) => n.id);
    const added = groups.reduce((sum, id) => sum + before.find((n) => n.id === id)!.size, 0);
    expect(added).toBeGreaterThan(Math.max(20, before.length));
    const graphsBefore = messages.filter((m) => m.type === 'graph').length;
    engine.handle({ type: 'view', view: 'workloads', filter: {}, expanded: groups });
    scheduler.drain();
    // No full graph: a patch, so nodes not unfolded keep their places (no fresh seeding).
    expect(messages.filter((m) => m.type === 'graph').length).toBe(graphsBefore);
    const after = currentNodes(messages);
    expect(after.length).toBeGreaterThan(before.length);
    const q = last(messages, 'positions')!.positions;
    let moved = 0;
    let kept = 0;
    after.forEach((n, i) => {
      const was = placed.get(n.id);
      if (!was || groups.includes(n.id)) return;
      moved += Math.hypot(q[i * 2]! - was[0], q[i * 2 + 1]! - was[1]);
      kept++;
    });
    expect(kept).toBeGreaterThan(0);
    // Tripling the picture pushes neighbours aside to make room, but it stays the same picture: the
    // nodes that were there move a small part of its extent (a reseed would reshuffle it).
    const xs = before.map((_, i) => p[i * 2]!);
    const extent = Math.max(...xs) - Math.min(...xs);
    expect(q.length).toBe(after.length * 2);
    expect(moved / kept).toBeLessThan(extent / 4);
  });

  it('asks for a resubscription on a sequence gap and ignores events until reset', () => {
    const { state, messages, engine } = setup();
    engine.handle({ type: 'events', events: [addPods(state, 5, 1, 1)] });
    expect(last(messages, 'resync')).toBeDefined();
  });
});
