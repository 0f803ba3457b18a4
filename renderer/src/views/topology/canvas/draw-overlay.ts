/**
 * The interactive layer, redrawn alone on hover and focus: the hovered node's neighbourhood lifted
 * out of a dimmed picture, the keyboard focus ring, and the name of what is under the pointer.
 */
import type { SceneFrame } from '../scene';
import type { Camera } from './camera';
import type { DrawSize, Palette } from './draw-map';

export interface OverlayState {
  hover: number | undefined;
  focus: number | undefined;
}

/** Neighbours of each node index, for the hover highlight: rebuilt per graph generation. */
export function adjacency(frame: SceneFrame): Map<number, number[]> {
  const adj = new Map<number, number[]>();
  for (const e of frame.edges) {
    const s = frame.indexById.get(e.source);
    const t = frame.indexById.get(e.target);
    if (s === undefined || t === undefined) continue;
    (adj.get(s) ?? adj.set(s, []).get(s)!).push(t);
    (adj.get(t) ?? adj.set(t, []).get(t)!).push(s);
  }
  return adj;
}

export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  frame: SceneFrame,
  adj: Map<number, number[]>,
  state: OverlayState,
  cam: Camera,
  size: DrawSize,
  pal: Palette,
): void {
  ctx.clearRect(0, 0, size.width, size.height);
  const p = frame.positions;
  if (!p) return;
  const at = (i: number) => ({ x: p[i * 2]! * cam.k + cam.x, y: p[i * 2 + 1]! * cam.k + cam.y, r: Math.max(3, frame.nodes[i]!.r * cam.k) });
  if (state.hover !== undefined && state.hover < frame.nodes.length) {
    const centre = at(state.hover);
    const near = adj.get(state.hover) ?? [];
    ctx.fillStyle = pal.bg;
    ctx.globalAlpha = 0.55;
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = pal.accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (const j of near) {
      const q = at(j);
      ctx.moveTo(centre.x, centre.y);
      ctx.lineTo(q.x, q.y);
    }
    ctx.stroke();
    for (const j of [state.hover, ...near]) {
      const q = at(j);
      const n = frame.nodes[j]!;
      ctx.beginPath();
      ctx.arc(q.x, q.y, q.r, 0, Math.PI * 2);
      ctx.fillStyle = pal.raised;
      ctx.fill();
      ctx.strokeStyle = pal.health[n.health];
      ctx.lineWidth = j === state.hover ? 3 : 2;
      ctx.stroke();
      label(ctx, `${n.label}${n.desired !== undefined ? ` ${n.ready ?? 0}/${n.desired}` : ''}`, q.x, q.y + q.r + 3, pal, j === state.hover);
    }
  }
  if (state.focus !== undefined && state.focus < frame.nodes.length) {
    const q = at(state.focus);
    ctx.beginPath();
    ctx.arc(q.x, q.y, q.r + 4, 0, Math.PI * 2);
    ctx.strokeStyle = pal.accent;
    ctx.lineWidth = 3;
    ctx.setLineDash([5, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
    if (state.focus !== state.hover) label(ctx, frame.nodes[state.focus]!.label, q.x, q.y + q.r + 6, pal, true);
  }
}

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, pal: Palette, strong: boolean): void {
  ctx.font = `${strong ? '600 ' : ''}12px system-ui, sans-serif`;
  const w = ctx.measureText(text).width;
  ctx.fillStyle = pal.raised;
  ctx.globalAlpha = 0.9;
  ctx.fillRect(x - w / 2 - 3, y - 1, w + 6, 16);
  ctx.globalAlpha = 1;
  ctx.fillStyle = pal.fg;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(text, x, y + 1);
}
