/**
 * Drives the two canvases of the map: camera (pan, zoom, fit), pointer (hover, click, drag to pin,
 * double-click to unfold), keyboard (arrows and Tab between nodes, Enter opens) and drawing,
 * throttled to animation frames — the static layer only when the frame or camera changed, the
 * overlay alone on hover and focus.
 */
import type { Scene, SceneFrame } from '../scene';
import { blitCache } from './blit';
import { fitCamera, reveal, toWorld, zoomAt, type Camera } from './camera';
import { computeHulls, drawMap, readPalette, type Hull, type Palette } from './draw-map';
import { adjacency, drawOverlay } from './draw-overlay';
import { HitIndex } from './hit-index';
import { keyAction, tabOrder } from './keyboard-nav';
import { AutoUnfolder } from './semantic-zoom';
import { watchPalette } from './watch-palette';

export interface MapCallbacks {
  /** A node was clicked or Enter was pressed on it. */
  open(id: string): void;
  focus(id: string | undefined): void;
  /** Double-click: unfold (or fold back) a group. */
  expand(id: string): void;
  drag(id: string, x: number, y: number): void;
  /** Dragging is not allowed while paused: the picture is frozen. */
  canDrag(): boolean;
  /** Groups unfolded by double-click (zoom leaves them alone) and by zoom. */
  unfolded(): { explicit: ReadonlySet<string>; auto: ReadonlySet<string> };
  /** Semantic zoom: the groups to unfold because the camera shows them large enough. */
  autoExpand(ids: string[]): void;
  /** After each static draw, with its duration; `stable` once the layout has settled. */
  drawn(ms: number, stable: boolean): void;
}

type Gesture =
  | { kind: 'pan'; startX: number; startY: number; cam: Camera; moved: boolean }
  | { kind: 'node'; index: number; id: string; startX: number; startY: number; moved: boolean }
  | undefined;

/** A gesture's frames are blits until it rests this long; then one full draw. */
const GESTURE_IDLE_MS = 120;
const NO_NEIGHBOURS = new Map<number, number[]>();

export class MapController {
  private cam: Camera = { x: 0, y: 0, k: 1 };
  private size = { width: 0, height: 0 };
  private dpr = 1;
  private frame: SceneFrame;
  private hulls: Hull[] = [];
  private hullVersion = -1;
  private adjCache: { edges: unknown; value: Map<number, number[]> } | undefined;
  private orderCache: { index: unknown; value: number[] } | undefined;
  private overlayEmpty = true;
  private readonly hits = new HitIndex();
  private palette: Palette;
  private hover: number | undefined;
  private focusId: string | undefined;
  private gesture: Gesture;
  /** The frame, size or palette changed: the static layer needs a full draw. */
  private sceneDirty = true;
  /** Only the camera moved: during a gesture the last full draw is re-used, transformed. */
  private cameraDirty = false;
  private gestureEnd = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cache = document.createElement('canvas');
  private cacheCam: Camera | undefined;
  private overlayDirty = true;
  private raf = 0;
  private needsFit = true;
  private fitOnStable = true;
  /** The user moved the camera since the last fit: never refit behind their back. */
  private userMoved = false;
  private readonly cleanups: Array<() => void> = [];
  private readonly unfolder = new AutoUnfolder();

  constructor(
    private readonly root: HTMLElement,
    private readonly base: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
    private readonly scene: Scene,
    private readonly callbacks: MapCallbacks,
  ) {
    this.frame = scene.frame;
    this.palette = readPalette(root);
    this.onGraph(this.frame);
    this.cleanups.push(
      scene.subscribe((frame, change) => {
        this.frame = frame;
        if (change === 'graph') this.onGraph(frame);
        else this.onPositions(frame);
      }),
    );
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(root);
    this.cleanups.push(() => resize.disconnect());
    this.cleanups.push(
      watchPalette(root, (palette) => {
        this.palette = palette;
        this.invalidate();
      }),
    );
    this.listen(base, 'pointerdown', this.onPointerDown);
    this.listen(base, 'pointermove', this.onPointerMove);
    this.listen(base, 'pointerup', this.onPointerUp);
    this.listen(base, 'pointerleave', this.onPointerLeave);
    this.listen(base, 'wheel', this.onWheel, { passive: false });
    this.listen(base, 'dblclick', this.onDoubleClick);
    this.listen(base, 'keydown', this.onKeyDown);
    this.resize();
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    clearTimeout(this.idleTimer);
    this.unfolder.dispose();
    for (const c of this.cleanups) c();
  }

  /** The next frame refits the camera (a new view); Re-layout does not call this, so it keeps the zoom. */
  requestFit(): void {
    this.needsFit = true;
    this.fitOnStable = true;
    this.userMoved = false;
    this.tryFit();
  }

  fit(): void {
    this.userMoved = false;
    if (this.frame.positions) this.setCamera(fitCamera(this.frame.positions, this.size.width, this.size.height));
  }

  zoomBy(factor: number): void {
    this.userMoved = true;
    this.setCamera(zoomAt(this.cam, this.size.width / 2, this.size.height / 2, factor));
  }

  /** Moves the keyboard focus (and the camera, if needed) to a node. */
  setFocus(id: string | undefined): void {
    if (id === this.focusId) return;
    this.focusId = id;
    const i = id === undefined ? undefined : this.frame.indexById.get(id);
    const p = this.frame.positions;
    if (i !== undefined && p) this.setCamera(reveal(this.cam, p[i * 2]!, p[i * 2 + 1]!, this.size.width, this.size.height));
    this.overlayDirty = true;
    this.schedule();
  }

  private listen<K extends keyof HTMLElementEventMap>(
    target: HTMLElement,
    type: K,
    handler: (event: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void {
    target.addEventListener(type, handler, options);
    this.cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  private onGraph(frame: SceneFrame): void {
    if (frame.fresh && !this.userMoved) {
      this.needsFit = true;
      this.fitOnStable = true;
    }
    this.adjCache = undefined;
    this.orderCache = undefined;
    this.hover = undefined;
  }

  private onPositions(frame: SceneFrame): void {
    if (!this.tryFit() && frame.stable && this.fitOnStable) {
      // The first layout settled into its final extent: frame it once, unless the user took the camera.
      this.fitOnStable = false;
      if (!this.userMoved) this.fit();
    }
    if (frame.stable) this.scheduleSemanticZoom();
    this.invalidate();
  }

  /** Semantic zoom is decided once the camera rests: the same pause as the full redraw after a gesture. */
  private scheduleSemanticZoom(): void {
    this.unfolder.later(GESTURE_IDLE_MS, () => {
      const ids = this.unfolder.decide(this.frame, this.cam, this.size, this.callbacks.unfolded());
      if (ids) this.callbacks.autoExpand(ids);
    });
  }

  /** Neighbours and Tab order are built on first use: a live update should not pay for them. */
  private get adj(): Map<number, number[]> {
    if (this.adjCache?.edges !== this.frame.edges) this.adjCache = { edges: this.frame.edges, value: adjacency(this.frame) };
    return this.adjCache.value;
  }

  private get order(): number[] {
    if (this.orderCache?.index !== this.frame.indexById) this.orderCache = { index: this.frame.indexById, value: tabOrder(this.frame) };
    return this.orderCache.value;
  }

  private tryFit(): boolean {
    if (!this.needsFit || !this.frame.positions || this.size.width === 0) return false;
    this.needsFit = false;
    this.fit();
    return true;
  }

  private resize(): void {
    const rect = this.root.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1;
    const before = this.size;
    this.size = { width: Math.max(1, rect.width), height: Math.max(1, rect.height) };
    // Keep what was in the middle in the middle (the inspector opening narrows the map).
    if (before.width > 0) this.cam = { ...this.cam, x: this.cam.x + (this.size.width - before.width) / 2, y: this.cam.y + (this.size.height - before.height) / 2 };
    for (const canvas of [this.base, this.overlay, this.cache]) {
      canvas.width = Math.round(this.size.width * this.dpr);
      canvas.height = Math.round(this.size.height * this.dpr);
    }
    this.tryFit();
    this.invalidate();
  }

  /**
   * A gesture (drag to pan, wheel) re-uses the last full draw, moved and scaled — a blit per
   * frame — and the full draw follows once the gesture rests for GESTURE_IDLE_MS.
   */
  private setCamera(cam: Camera, gesture = false): void {
    this.cam = cam;
    this.cameraDirty = true;
    this.overlayDirty = true;
    this.scheduleSemanticZoom();
    if (gesture) {
      this.gestureEnd = performance.now() + GESTURE_IDLE_MS;
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        this.cameraDirty = true;
        this.schedule();
      }, GESTURE_IDLE_MS);
    } else {
      this.gestureEnd = 0;
    }
    this.schedule();
  }

  private invalidate(): void {
    this.sceneDirty = true;
    this.overlayDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.draw();
    });
  }

  private draw(): void {
    const frame = this.frame;
    // Without positions for this generation (a patch just arrived), keep the last picture.
    if ((this.sceneDirty || this.cameraDirty) && frame.positions) {
      const ctx = this.base.getContext('2d', { alpha: false });
      const gesture = performance.now() < this.gestureEnd;
      if (ctx && !this.sceneDirty && gesture && this.cacheCam) {
        blitCache(ctx, this.cache, this.cacheCam, this.cam, this.size, this.dpr, this.palette.bg);
      } else if (ctx) {
        const started = performance.now();
        if (this.hullVersion !== frame.version) {
          this.hulls = computeHulls(frame);
          this.hullVersion = frame.version;
        }
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        drawMap(ctx, frame, this.hulls, this.cam, this.size, this.palette);
        const cacheCtx = this.cache.getContext('2d', { alpha: false });
        cacheCtx?.setTransform(1, 0, 0, 1, 0, 0);
        cacheCtx?.drawImage(this.base, 0, 0);
        this.cacheCam = this.cam;
        const ms = performance.now() - started;
        performance.measure('topology:draw', { start: started, duration: ms });
        this.callbacks.drawn(ms, frame.stable);
        this.sceneDirty = false;
      }
      this.cameraDirty = false;
    }
    if (this.overlayDirty) {
      this.overlayDirty = false;
      const ctx = this.overlay.getContext('2d');
      const empty = this.hover === undefined && this.focusId === undefined;
      // An empty overlay that is already clear needs no clearing on every pan frame.
      if (ctx && !(empty && this.overlayEmpty)) {
        this.overlayEmpty = empty;
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        const focus = this.focusId === undefined ? undefined : frame.indexById.get(this.focusId);
        drawOverlay(ctx, frame, this.hover === undefined ? NO_NEIGHBOURS : this.adj, { hover: this.hover, focus }, this.cam, this.size, this.palette);
        // Where the focused node is on screen, so a test (or an assistive tool) can point at it.
        const p = frame.positions;
        if (focus !== undefined && p) {
          this.root.dataset.focusPoint = `${Math.round(p[focus * 2]! * this.cam.k + this.cam.x)},${Math.round(p[focus * 2 + 1]! * this.cam.k + this.cam.y)}`;
        } else {
          delete this.root.dataset.focusPoint;
        }
      }
    }
  }

  private pointerAt(event: MouseEvent): { sx: number; sy: number } {
    const rect = this.base.getBoundingClientRect();
    return { sx: event.clientX - rect.left, sy: event.clientY - rect.top };
  }

  private hitAt(sx: number, sy: number): number | undefined {
    const w = toWorld(this.cam, sx, sy);
    return this.hits.find(this.frame, w.x, w.y, 3 / this.cam.k);
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const { sx, sy } = this.pointerAt(event);
    const index = this.hitAt(sx, sy);
    this.base.setPointerCapture?.(event.pointerId);
    this.gesture =
      index === undefined
        ? { kind: 'pan', startX: sx, startY: sy, cam: this.cam, moved: false }
        : { kind: 'node', index, id: this.frame.nodes[index]!.id, startX: sx, startY: sy, moved: false };
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const { sx, sy } = this.pointerAt(event);
    const g = this.gesture;
    if (!g) {
      const index = this.hitAt(sx, sy);
      if (index !== this.hover) {
        this.hover = index;
        this.base.style.cursor = index === undefined ? 'grab' : 'pointer';
        this.overlayDirty = true;
        this.schedule();
      }
      return;
    }
    const dx = sx - g.startX;
    const dy = sy - g.startY;
    if (!g.moved && Math.hypot(dx, dy) < 4) return;
    g.moved = true;
    if (g.kind === 'pan') {
      this.userMoved = true;
      this.setCamera({ ...g.cam, x: g.cam.x + dx, y: g.cam.y + dy }, true);
    } else if (this.callbacks.canDrag()) {
      const w = toWorld(this.cam, sx, sy);
      this.scene.moveLocally(g.id, w.x, w.y);
      this.callbacks.drag(g.id, w.x, w.y);
    }
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const g = this.gesture;
    this.gesture = undefined;
    this.base.releasePointerCapture?.(event.pointerId);
    if (g?.kind === 'node' && !g.moved) {
      this.setFocus(g.id);
      this.callbacks.focus(g.id);
      this.callbacks.open(g.id);
    }
  };

  private readonly onPointerLeave = (): void => {
    if (this.hover === undefined) return;
    this.hover = undefined;
    this.overlayDirty = true;
    this.schedule();
  };

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const { sx, sy } = this.pointerAt(event);
    this.userMoved = true;
    if (event.ctrlKey || Math.abs(event.deltaY) >= Math.abs(event.deltaX)) {
      this.setCamera(zoomAt(this.cam, sx, sy, Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015))), true);
    } else {
      this.setCamera({ ...this.cam, x: this.cam.x - event.deltaX, y: this.cam.y - event.deltaY }, true);
    }
  };

  private readonly onDoubleClick = (event: MouseEvent): void => {
    const { sx, sy } = this.pointerAt(event);
    const index = this.hitAt(sx, sy);
    if (index !== undefined) this.callbacks.expand(this.frame.nodes[index]!.id);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const current = this.focusId === undefined ? undefined : this.frame.indexById.get(this.focusId);
    const action = keyAction(event, this.frame, current, () => this.order);
    if (!action) return;
    if (action.kind !== 'zoom' && action.kind !== 'fit') event.preventDefault();
    if (action.kind === 'zoom') this.zoomBy(action.factor);
    else if (action.kind === 'fit') this.fit();
    else if (action.kind === 'open') this.callbacks.open(this.frame.nodes[action.index]!.id);
    else {
      const id = action.kind === 'focus' ? this.frame.nodes[action.index]!.id : undefined;
      this.setFocus(id);
      this.callbacks.focus(id);
    }
  };
}
