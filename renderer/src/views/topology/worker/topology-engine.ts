/**
 * What the topology worker does, without the worker: holds the relation graph, runs the pipeline
 * (filter → group → simplify → diff) and the layout, and says what to draw. Pure apart from the
 * clock and the scheduler it is given, so it runs in Node for tests as well as in the worker.
 */
import { applyTopologyEvent, emptyGraphState, isNextEvent } from '../../../../../shared/topology/graph-state';
import type { TopologyEvent } from '../../../../../shared/topology/graph';
import { TopologyHistory } from '../../../../../shared/topology/history';
import { parseId } from '../../../../../shared/topology/ids';
import { buildViewGraph, viewComplexity } from '../../../../../shared/topology/pipeline';
import { diffViewGraphs, isEmptyDiff } from '../../../../../shared/topology/diff';
import type { GraphState, ViewGraph, ViewGraphDiff, ViewNode } from '../../../../../shared/topology/view-graph';
import { ForceLayout, type Point } from '../layout/force-layout';
import { BASE_RADIUS, radiusOf } from '../layout/geometry';
import type { FromWorker, LayoutStats, MapNode, Relation, ToWorker, ViewRequest } from './protocol';

export interface Scheduler {
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  now(): number;
}

/** Worker time spent ticking before positions go out: a frame's worth, so the picture animates. */
const TICK_BUDGET_MS = 14;
const MAX_TICKS_PER_STEP = 40;
/** While a fresh layout settles, positions go out this often (else every step). */
const QUIET_POST_MS = 250;
/** Deltas arriving within this window are applied as one batch. */
const BATCH_MS = 16;
/** Below this many additions an update is always incremental. */
const RESEED_MIN = 20;

export class TopologyEngine {
  private state: GraphState = emptyGraphState();
  private loaded = false;
  /** After a sequence gap, events are ignored until the UI has resubscribed. */
  private awaitingReset = false;
  private request: ViewRequest = { view: 'workloads', filter: {}, expanded: [] };
  private shown: ViewGraph = { nodes: [], edges: [] };
  private shownById = new Map<string, ViewNode>();
  /** Node ids in the order the UI thread holds them (the last graph or patch sent). */
  private publishedIds: string[] = [];
  private layout = new ForceLayout();
  private generation = 0;
  private paused = false;
  private readonly pendingIds = new Set<string>();
  private scrubAt: number | null = null;
  /** The picture at the moment of pausing: where scrubbing returns to. */
  private pausedGraph: ViewGraph | undefined;
  /** History time (host clock) of the state last drawn live, and of the pause. */
  private shownAt = 0;
  private pausedAt = 0;
  private history = new TopologyHistory();
  private cancelRebuild: (() => void) | undefined;
  private cancelTick: (() => void) | undefined;
  private run = { ticks: 0, ms: 0 };
  /** The current run settles a fresh layout: positions go out rarely. */
  private quietRun = false;
  private lastPost = 0;
  private driftBase: Map<string, Point> | undefined;
  private stats: LayoutStats = { tickMs: 0, ticks: 0, nodes: 0, edges: 0, pipelineMs: 0 };

  constructor(
    private readonly post: (message: FromWorker, transfer?: Transferable[]) => void,
    private readonly scheduler: Scheduler,
  ) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'events':
        this.receive(message.events);
        break;
      case 'reset':
        this.awaitingReset = false;
        this.state = emptyGraphState();
        this.history = new TopologyHistory();
        this.loaded = false;
        break;
      case 'view': {
        const freshView = message.view !== this.request.view;
        // Unfolding or folding groups (double-click, semantic zoom) is always an update in place, however
        // many pods it adds: the picture around the group must not be seeded afresh.
        const unfoldOnly = !freshView && JSON.stringify(message.filter) === JSON.stringify(this.request.filter);
        this.request = { view: message.view, filter: message.filter, expanded: message.expanded };
        if (!this.loaded) break;
        if (!this.paused) {
          this.rebuildNow(freshView, unfoldOnly);
          break;
        }
        // Paused: the new view shows the cluster as it was when paused (or where the scrubber is).
        const graph = this.build(this.history.stateAt(this.scrubAt ?? this.pausedAt));
        if (this.scrubAt === null) this.pausedGraph = graph;
        this.show(graph, freshView, unfoldOnly);
        break;
      }
      case 'pause':
        this.pause();
        break;
      case 'resume':
        this.resume();
        break;
      case 'scrub':
        this.scrub(message.at);
        break;
      case 'drag':
        if (this.paused) return;
        this.layout.pin(message.id, message.x, message.y);
        this.driftBase = undefined;
        this.kick();
        break;
      case 'unpin':
        this.layout.unpin(message.id);
        this.publishGraph(false);
        this.kick();
        break;
      case 'relayout':
        if (this.paused) return;
        this.layout.relayout();
        this.driftBase = undefined;
        this.run = { ticks: 0, ms: 0 };
        this.publishPositions(false);
        this.kick();
        break;
      case 'inspect':
        this.post(this.inspect(message.requestId, message.id));
        break;
    }
  }

  private receive(events: TopologyEvent[]): void {
    for (const event of events) {
      if (this.awaitingReset) return;
      if (!isNextEvent(this.state, event)) {
        this.awaitingReset = true;
        this.post({ type: 'resync' });
        return;
      }
      applyTopologyEvent(this.state, event);
      this.history.record(event);
      if (event.type === 'snapshot') {
        if (!event.last) continue;
        this.loaded = true;
        if (this.paused) this.countPending(event.nodes.map((n) => n.id));
        // After a resubscription the new snapshot is diffed against the picture, which stays put.
        else this.rebuildNow(this.shown.nodes.length === 0);
        this.postStatus();
        continue;
      }
      if (!this.loaded) continue;
      if (this.paused) {
        this.countPending([...event.upsertedNodes.map((n) => n.id), ...event.removedNodes]);
        this.postStatus();
      } else {
        this.scheduleRebuild();
      }
    }
  }

  private countPending(ids: string[]): void {
    for (const id of ids) this.pendingIds.add(id);
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.pausedGraph = this.shown;
    this.pausedAt = this.shownAt;
    this.cancelRebuild?.();
    this.cancelRebuild = undefined;
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.postStatus();
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.scrubAt = null;
    this.pausedGraph = undefined;
    this.pendingIds.clear();
    if (this.loaded) this.rebuildNow(false);
    this.postStatus();
  }

  private scrub(at: number | null): void {
    if (!this.paused || !this.loaded) return;
    this.scrubAt = at;
    const graph = at === null ? this.pausedGraph : this.build(this.history.stateAt(at));
    if (graph) this.show(graph, false);
    this.postStatus();
  }

  private scheduleRebuild(): void {
    if (this.cancelRebuild) return;
    this.cancelRebuild = this.scheduler.after(BATCH_MS, () => {
      this.cancelRebuild = undefined;
      if (!this.paused) this.rebuildNow(false);
    });
  }

  private rebuildNow(fresh: boolean, inPlace = false): void {
    this.cancelRebuild?.();
    this.cancelRebuild = undefined;
    this.shownAt = this.history.range()?.to ?? 0;
    this.show(this.build(this.state), fresh, inPlace);
  }

  private build(state: GraphState): ViewGraph {
    return buildViewGraph(state, { view: this.request.view, filter: this.request.filter, expanded: new Set(this.request.expanded) });
  }

  private show(next: ViewGraph, fresh: boolean, inPlace = false): void {
    const started = this.scheduler.now();
    const diff = fresh ? undefined : diffViewGraphs(this.shown, next);
    if (diff && isEmptyDiff(diff)) return;
    // A graph that more than doubles (the caches still filling, a filter cleared) is a new picture,
    // not an update: seed it afresh, as deterministically as the first.
    const reseed = !diff || (!inPlace && diff.added.length > Math.max(RESEED_MIN, this.shown.nodes.length));
    if (reseed) {
      this.layout = new ForceLayout();
      this.layout.reset(next);
      this.driftBase = undefined;
    } else {
      this.driftBase = this.unchangedPositions(diff);
      this.layout.apply(diff);
    }
    // An update that did not warm the layout moved nothing.
    const still = !reseed && this.layout.stable;
    this.shown = next;
    this.shownById = new Map(next.nodes.map((n) => [n.id, n]));
    // Drift belongs to the update that measured it: a later settle (a drag) carries none.
    this.stats = { tickMs: this.stats.tickMs, ticks: 0, nodes: next.nodes.length, edges: next.edges.length, pipelineMs: this.scheduler.now() - started };
    if (still) {
      this.stats.driftRadius = 0;
      this.driftBase = undefined;
    }
    this.run = { ticks: 0, ms: 0 };
    this.quietRun = reseed;
    this.lastPost = this.scheduler.now();
    this.publishGraph(reseed, reseed ? undefined : diff);
    this.kick();
  }

  private unchangedPositions(diff: ViewGraphDiff): Map<string, Point> {
    const changed = new Set([...diff.added.map((n) => n.id), ...diff.updated.map((n) => n.id), ...diff.removed]);
    const base = new Map<string, Point>();
    for (const id of this.layout.ids()) if (!changed.has(id)) base.set(id, this.layout.positionOf(id)!);
    return base;
  }

  private publishGraph(fresh: boolean, diff?: ViewGraphDiff): void {
    this.generation++;
    const complexity = viewComplexity(this.shown);
    const ids = this.layout.ids();
    const before = this.publishedIds;
    this.publishedIds = ids;
    if (diff && !fresh) {
      // The layout keeps its order: removals drop out, additions go to the end. So the UI thread can
      // follow with just what changed — most updates touch a few nodes of thousands.
      const known = new Set(before);
      const removed = diff.removed.filter((id) => known.has(id));
      const keptCount = before.length - removed.length;
      if (keptCount >= 0 && keptCount <= ids.length) {
        const index = new Map(ids.map((id, i) => [id, i]));
        this.post({
          type: 'graph-patch',
          generation: this.generation,
          removed,
          added: ids.slice(keptCount).map((id) => this.toMapNode(this.shownById.get(id)!)),
          changed: diff.updated.flatMap((n) => (index.has(n.id) ? [[index.get(n.id)!, this.toMapNode(n)] as [number, MapNode]] : [])),
          addedEdges: diff.addedEdges,
          removedEdges: diff.removedEdges,
          updatedEdges: diff.updatedEdges,
          complexity,
        });
        this.publishPositions(this.layout.stable);
        return;
      }
    }
    const nodes = ids.map((id) => this.toMapNode(this.shownById.get(id)!));
    this.post({ type: 'graph', generation: this.generation, nodes, edges: this.shown.edges, complexity, fresh });
    this.publishPositions(this.layout.stable);
  }

  private toMapNode(node: ViewNode): MapNode {
    const { members, ...rest } = node;
    const target = targetOf(node);
    return {
      ...rest,
      size: members.length,
      r: radiusOf(node),
      ...(target ? { target } : {}),
      pinned: this.layout.isPinned(node.id),
    };
  }

  private publishPositions(stable: boolean): void {
    const positions = this.layout.positions();
    this.post({ type: 'positions', generation: this.generation, positions, stable, stats: this.stats }, [positions.buffer]);
  }

  /** Ticks in frame-sized steps until the layout is stable; a paused picture stays frozen. */
  private kick(): void {
    if (this.cancelTick || (this.paused && this.scrubAt === null)) return;
    if (this.layout.stable) return;
    this.cancelTick = this.scheduler.after(0, this.step);
  }

  private readonly step = (): void => {
    this.cancelTick = undefined;
    const started = this.scheduler.now();
    const ticks = this.layout.run(MAX_TICKS_PER_STEP, TICK_BUDGET_MS, () => this.scheduler.now());
    this.run.ticks += ticks;
    this.run.ms += this.scheduler.now() - started;
    const stable = this.layout.stable;
    this.stats = { ...this.stats, ticks: this.run.ticks, tickMs: this.run.ticks ? this.run.ms / this.run.ticks : 0 };
    if (stable && this.driftBase) {
      this.stats.driftRadius = this.drift(this.driftBase);
      this.driftBase = undefined;
    }
    // A fresh layout starts near its end (deterministic seeding): its settling is not worth
    // animating, and every frame sent costs the UI thread a redraw it would rather skip.
    const now = this.scheduler.now();
    if (stable || !this.quietRun || now - this.lastPost >= QUIET_POST_MS) {
      this.lastPost = now;
      this.publishPositions(stable);
    }
    if (stable) this.quietRun = false;
    else this.cancelTick = this.scheduler.after(1, this.step);
  };

  private drift(base: Map<string, Point>): number {
    let sum = 0;
    let n = 0;
    for (const [id, p] of base) {
      const q = this.layout.positionOf(id);
      if (!q) continue;
      sum += Math.hypot(q.x - p.x, q.y - p.y);
      n++;
    }
    return n ? sum / n / BASE_RADIUS : 0;
  }

  private postStatus(): void {
    const range = this.loaded ? this.history.range() : undefined;
    this.post({
      type: 'status',
      loaded: this.loaded,
      paused: this.paused,
      pending: this.pendingIds.size,
      ...(range ? { history: range } : {}),
      scrubAt: this.scrubAt,
    });
  }

  private inspect(requestId: number, id: string): FromWorker {
    const node = this.state.nodes.get(id);
    const relations: Relation[] = [];
    if (node) {
      for (const edge of this.state.edges.values()) {
        const out = edge.source === id;
        if (!out && edge.target !== id) continue;
        const other = this.state.nodes.get(out ? edge.target : edge.source);
        if (other) relations.push({ kind: edge.kind, direction: out ? 'out' : 'in', ...(edge.port ? { port: edge.port } : {}), node: other });
      }
    }
    return { type: 'inspected', requestId, ...(node ? { node } : {}), relations };
  }
}

/** The object a drawn node opens: itself, or the workload of a group (`group:<workload>[@<node>]`). */
function targetOf(node: ViewNode): string | undefined {
  let id = node.id;
  if (id.startsWith('group:')) {
    id = id.slice('group:'.length);
    const at = id.indexOf(`@${node.cluster}/nodes/`);
    if (at > 0) id = id.slice(0, at);
  }
  return parseId(id) ? id : undefined;
}
