/**
 * The map: a static canvas and an interactive overlay, driven by MapController outside React. The
 * canvas states its content in words (its accessible description) and the focused node is read
 * out through a live region. Layout figures sit in `data-layout-stats` for tests and benchmarks.
 */
import { useEffect, useRef } from 'react';
import { describeTopology, useTopologyStore } from '../../stores/topology-store';
import { MapController } from './canvas/map-controller';
import { describeNode, openNode } from './open-node';
import { frameDrawn, postToWorker, scene, stableFrameDrawn } from './topology-session';

export function TopologyMap() {
  const rootRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const controllerRef = useRef<MapController | undefined>(undefined);
  const description = useTopologyStore(describeTopology);
  const view = useTopologyStore((s) => s.view);
  const focusId = useTopologyStore((s) => s.focusId);
  const focused = useTopologyStore((s) => (s.focusId === undefined ? undefined : s.graph.nodes.find((n) => n.id === s.focusId)));
  const stats = useTopologyStore((s) => s.stats);
  const paused = useTopologyStore((s) => s.status.paused);
  const generation = useTopologyStore((s) => s.graph.generation);

  useEffect(() => {
    const root = rootRef.current!;
    const pinned = new Set<string>();
    const controller = new MapController(root, baseRef.current!, overlayRef.current!, scene, {
      open: (id) => {
        const node = scene.frame.nodes[scene.frame.indexById.get(id) ?? -1];
        if (node) openNode(node);
      },
      focus: (id) => useTopologyStore.getState().setFocus(id),
      expand: (id) => {
        // Double-click releases a node the user pinned by dragging, else unfolds (or folds) a group.
        if (pinned.delete(id)) postToWorker({ type: 'unpin', id });
        else if (id.startsWith('group:')) useTopologyStore.getState().toggleExpanded(id);
      },
      drag: (id, x, y) => {
        pinned.add(id);
        postToWorker({ type: 'drag', id, x, y });
      },
      unfolded: () => {
        const st = useTopologyStore.getState();
        return { explicit: new Set(st.expanded), auto: new Set(st.autoExpanded) };
      },
      autoExpand: (ids) => useTopologyStore.getState().setAutoExpanded(ids),
      canDrag: () => !useTopologyStore.getState().status.paused,
      drawn: (ms, stable) => {
        frameDrawn(ms);
        if (stable) stableFrameDrawn();
        root.dataset.frameVersion = String(scene.frame.version);
        root.dataset.stable = String(stable);
      },
    });
    controllerRef.current = controller;
    return () => {
      controller.dispose();
      controllerRef.current = undefined;
    };
  }, []);

  useEffect(() => controllerRef.current?.requestFit(), [view]);
  useEffect(() => controllerRef.current?.setFocus(focusId), [focusId, generation]);

  return (
    <div className="topology-map" ref={rootRef} data-paused={paused} data-layout-stats={stats ? JSON.stringify(stats) : undefined}>
      <canvas
        ref={baseRef}
        className="topology-canvas"
        role="img"
        tabIndex={0}
        aria-label="Topology map"
        aria-describedby="topology-description topology-keys"
        aria-roledescription="interactive map"
      />
      <canvas ref={overlayRef} className="topology-overlay" aria-hidden="true" />
      <p id="topology-description" className="topology-description" data-testid="topology-description">
        {description}
      </p>
      <p id="topology-keys" className="visually-hidden">
        Arrow keys and Tab move between nodes, Enter opens the focused node, plus and minus zoom, 0 fits the map. Drag a node to
        pin it; double-click releases it, or unfolds a workload into its pods. Zooming in on a workload unfolds it too, and
        zooming out folds it again.
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="topology-focus">
        {focused ? describeNode(focused) : ''}
      </p>
      <div className="topology-zoom" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom in" onClick={() => controllerRef.current?.zoomBy(1.25)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => controllerRef.current?.zoomBy(0.8)}>
          −
        </button>
        <button type="button" aria-label="Fit map" onClick={() => controllerRef.current?.fit()}>
          Fit
        </button>
      </div>
    </div>
  );
}
