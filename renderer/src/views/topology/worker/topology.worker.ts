/** The topology worker: keeps the relation graph, the pipeline and the layout off the UI thread. */
import type { FromWorker, ToWorker } from './protocol';
import { TopologyEngine } from './topology-engine';

/** The worker global, typed narrowly: the renderer compiles against DOM, not WebWorker, types. */
const scope = globalThis as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const engine = new TopologyEngine((message, transfer) => scope.postMessage(message, transfer ?? []), {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
  now: () => performance.now(),
});

scope.onmessage = (event) => {
  try {
    engine.handle(event.data);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }, []);
  }
};
