/**
 * The topology's plumbing on the UI thread: one worker and one `topology.watch` subscription,
 * shared by whoever holds the topology (the map, the inspector's summary), kept a while after the
 * last release so the history survives a tab switch. Stream batches are forwarded to the worker
 * untouched; the worker's answers go to the store (graph, status) and the scene (positions).
 */
import type { Disposable, LoupeApi } from '../../../../shared/api';
import type { HostConnection } from '../../host/connect';
import { useTopologyStore } from '../../stores/topology-store';
import { Scene } from './scene';
import type { ViewEdge } from '../../../../shared/topology/view-graph';
import type { FromWorker, MapNode, Relation, ToWorker } from './worker/protocol';
import type { TopoNode } from '../../../../shared/topology/graph';

/** Keep the worker (and its 30 minutes of history) this long after the map closes. */
const LINGER_MS = 5 * 60_000;

export const scene = new Scene();

let api: LoupeApi | undefined;

interface Session {
  worker: Worker;
  clustersKey: string;
  subscription: Disposable | undefined;
  refs: number;
  lingerTimer: ReturnType<typeof setTimeout> | undefined;
  unsubscribeStore: () => void;
  inspections: Map<number, (answer: Inspection) => void>;
}

export interface Inspection {
  node?: TopoNode;
  relations: Relation[];
}

let session: Session | undefined;
let nextRequest = 1;
/** UI-thread time spent on the current live update (handling its messages, then drawing it). */
let updateStarted: number | undefined;
let updateBusy = 0;
let firstStableMarked = false;

export function startTopologyAdapter(connection: HostConnection): Disposable {
  api = connection.api;
  return { dispose: () => closeSession() };
}

/** Holds the topology of these clusters; call the returned function to release it. */
export function acquireTopology(clusters: string[]): () => void {
  const key = [...clusters].sort().join('\n');
  const s = (session ??= openSession());
  s.refs++;
  if (s.lingerTimer !== undefined) clearTimeout(s.lingerTimer);
  s.lingerTimer = undefined;
  if (s.clustersKey !== key) {
    s.clustersKey = key;
    subscribe(s);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--s.refs > 0) return;
    s.lingerTimer = setTimeout(() => {
      if (s.refs === 0 && session === s) closeSession();
    }, LINGER_MS);
  };
}

export function postToWorker(message: ToWorker): void {
  session?.worker.postMessage(message);
}

/** The object and its relations as the worker's relation graph has them. */
export function inspectNode(id: string): Promise<Inspection> {
  const s = session;
  if (!s) return Promise.resolve({ relations: [] });
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    s.inspections.set(requestId, resolve);
    s.worker.postMessage({ type: 'inspect', requestId, id } satisfies ToWorker);
  });
}

/** Called by the canvas after it drew a frame: closes the measure of a live update. */
export function frameDrawn(drawMs: number): void {
  if (updateStarted === undefined) return;
  performance.measure('topology:update', { start: updateStarted, duration: updateBusy + drawMs });
  updateStarted = undefined;
  updateBusy = 0;
}

/** Called once the first settled layout is on screen: the "first stable frame" mark. */
export function stableFrameDrawn(): void {
  if (firstStableMarked) return;
  firstStableMarked = true;
  performance.mark('topology:first-stable-frame');
}

function openSession(): Session {
  const worker = new Worker(new URL('./worker/topology.worker.ts', import.meta.url), { type: 'module', name: 'topology' });
  const s: Session = {
    worker,
    clustersKey: '',
    subscription: undefined,
    refs: 0,
    lingerTimer: undefined,
    unsubscribeStore: () => undefined,
    inspections: new Map(),
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => receive(s, event.data);
  // A new worker starts from nothing: so does what the view shows.
  const store = useTopologyStore.getState();
  store.receiveStatus({ loaded: false, paused: false, pending: 0, scrubAt: null });
  store.receiveGraph({ generation: 0, nodes: [], edges: [] });
  scene.setGraph(0, [], [], true);
  worker.onerror = (event) => useTopologyStore.getState().fail(`The topology worker failed: ${event.message}`);
  const sendView = (st: ReturnType<typeof useTopologyStore.getState>) => {
    // Unfolded by double-click or by zooming in: the worker does not need to know which.
    const expanded = [...new Set([...st.expanded, ...st.autoExpanded])];
    worker.postMessage({ type: 'view', view: st.view, filter: st.filter, expanded } satisfies ToWorker);
  };
  sendView(useTopologyStore.getState());
  s.unsubscribeStore = useTopologyStore.subscribe((st, prev) => {
    if (st.view !== prev.view || st.filter !== prev.filter || st.expanded !== prev.expanded || st.autoExpanded !== prev.autoExpanded) sendView(st);
  });
  return s;
}

function subscribe(s: Session): void {
  s.subscription?.dispose();
  s.subscription = undefined;
  s.worker.postMessage({ type: 'reset' } satisfies ToWorker);
  const clusters = s.clustersKey ? s.clustersKey.split('\n') : [];
  if (!api || clusters.length === 0) return;
  useTopologyStore.getState().fail(undefined);
  s.subscription = api.topology.watch(
    { clusters },
    {
      next: (events) => s.worker.postMessage({ type: 'events', events } satisfies ToWorker),
      error: (error) => {
        if (session === s) useTopologyStore.getState().fail(error.message);
      },
    },
  );
}

function receive(s: Session, message: FromWorker): void {
  const store = useTopologyStore.getState();
  const started = performance.now();
  switch (message.type) {
    case 'graph':
      scene.setGraph(message.generation, message.nodes, message.edges, message.fresh);
      store.receiveGraph({ generation: message.generation, nodes: message.nodes, edges: message.edges, complexity: message.complexity });
      if (!message.fresh && updateStarted === undefined) updateStarted = started;
      break;
    case 'graph-patch': {
      const { nodes, edges, structural } = patched(message);
      scene.patchGraph(message.generation, nodes, edges, structural);
      store.receiveGraph({ generation: message.generation, nodes, edges, complexity: message.complexity });
      if (updateStarted === undefined) updateStarted = started;
      break;
    }
    case 'positions':
      scene.setPositions(message.generation, message.positions, message.stable);
      if (message.stable) {
        store.receiveStats(message.stats);
        // The benchmark reads settled layouts (tick cost, drift) from the performance timeline.
        performance.mark('topology:settled', { detail: message.stats });
      }
      break;
    case 'status':
      store.receiveStatus({
        loaded: message.loaded,
        paused: message.paused,
        pending: message.pending,
        ...(message.history ? { history: message.history } : {}),
        scrubAt: message.scrubAt,
      });
      break;
    case 'inspected':
      s.inspections.get(message.requestId)?.({ ...(message.node ? { node: message.node } : {}), relations: message.relations });
      s.inspections.delete(message.requestId);
      break;
    case 'resync':
      subscribe(s);
      break;
    case 'error':
      store.fail(message.message);
      break;
  }
  if (updateStarted !== undefined) updateBusy += performance.now() - started;
}

/** The scene's nodes and edges with a patch applied, as new arrays (the store's readers compare them). */
function patched(patch: Extract<FromWorker, { type: 'graph-patch' }>): { nodes: MapNode[]; edges: ViewEdge[]; structural: boolean } {
  const frame = scene.frame;
  const structural = patch.removed.length > 0 || patch.added.length > 0;
  let nodes: MapNode[];
  if (structural) {
    const removed = new Set(patch.removed);
    nodes = frame.nodes.filter((n) => !removed.has(n.id)).concat(patch.added);
  } else {
    nodes = frame.nodes.slice();
  }
  for (const [i, node] of patch.changed) nodes[i] = node;
  let edges = frame.edges;
  if (patch.removedEdges.length || patch.addedEdges.length || patch.updatedEdges.length) {
    const removed = new Set(patch.removedEdges);
    const updated = new Map(patch.updatedEdges.map((e) => [e.id, e]));
    edges = edges.flatMap((e) => (removed.has(e.id) ? [] : [updated.get(e.id) ?? e])).concat(patch.addedEdges);
  }
  return { nodes, edges, structural };
}

function closeSession(): void {
  const s = session;
  if (!s) return;
  session = undefined;
  s.subscription?.dispose();
  s.unsubscribeStore();
  s.worker.terminate();
  for (const resolve of s.inspections.values()) resolve({ relations: [] });
}
