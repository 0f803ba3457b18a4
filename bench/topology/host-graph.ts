/**
 * The graph Loupe's map draws, computed in the bench process from the same `topology.watch` stream
 * and the same pure pipeline: what the naive baseline is given, so both draw the same thing.
 */
import type { ClientOf } from '../../shared/api/client';
import type { LoupeContract } from '../../shared/api/contract';
import { applyTopologyEvent, emptyGraphState } from '../../shared/topology/graph-state';
import { buildViewGraph } from '../../shared/topology/pipeline';
import type { TopoViewId, ViewGraph } from '../../shared/topology/view-graph';

export function viewGraphFromHost(api: ClientOf<LoupeContract>, clusters: string[], view: TopoViewId, timeoutMs = 120_000): Promise<ViewGraph> {
  const state = emptyGraphState();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no topology snapshot within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.topology.watch(
      { clusters },
      {
        next(events) {
          for (const event of events) {
            applyTopologyEvent(state, event);
            if (event.type === 'snapshot' && event.last) {
              clearTimeout(timer);
              subscription.dispose();
              resolve(buildViewGraph(state, { view }));
              return;
            }
          }
        },
        error(error) {
          clearTimeout(timer);
          reject(new Error(`topology.watch failed: ${error.message}`));
        },
      },
    );
  });
}
