/**
 * The static layer: hulls, edges, nodes and labels of one frame, with viewport culling and level
 * of detail. Shapes are batched per colour (one path per health), so 10k nodes cost a few fills.
 */
import type { Health } from '../../../../../shared/topology/graph';
import { parseId } from '../../../../../shared/topology/ids';
import type { SceneFrame } from '../scene';
import { GAP } from '../layout/force-layout';
import { BASE_RADIUS } from '../layout/geometry';
import type { Camera } from './camera';

export interface Palette {
  bg: string;
  raised: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  health: Record<Health, string>;
}

export function readPalette(element: Element): Palette {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const muted = v('--fg-muted', '#5b6270');
  return {
    bg: v('--bg', '#f7f7f8'),
    raised: v('--bg-raised', '#ffffff'),
    fg: v('--fg', '#1c1f24'),
    muted,
    border: v('--border', '#d6d9de'),
    accent: v('--accent', '#2563eb'),
    health: { ok: v('--ok', '#15803d'), pending: v('--warn', '#b45309'), failed: v('--bad', '#b91c1c'), terminating: '#8b5cf6', unknown: muted },
  };
}

const KIND_GLYPHS: Partial<Record<string, string>> = {
  pods: 'P',
  deployments: 'D',
  statefulsets: 'SS',
  daemonsets: 'DS',
  replicasets: 'RS',
  jobs: 'J',
  cronjobs: 'CJ',
  services: 'S',
  ingresses: 'I',
  configmaps: 'CM',
  secrets: 'K',
  persistentvolumeclaims: 'V',
  networkpolicies: 'NP',
  nodes: 'N',
  namespaces: 'NS',
};
const HEALTHS: Health[] = ['unknown', 'ok', 'terminating', 'pending', 'failed'];
/** Below this on-screen radius a node is a dot: no outline, label or badge. */
const DETAIL_RADIUS = 6;
/** Below this on-screen radius a node is drawn as a solid square. */
const DOT_RADIUS = 3;
const MAX_LABELS = 600;
/** On-screen room between two node centres below which labels would overlap. */
const LABEL_ROOM_PX = 44;

export interface DrawSize {
  width: number;
  height: number;
}

export interface Hull {
  id: string;
  label: string;
  x: number;
  y: number;
  r: number;
}

/** Circles around each container's members (a namespace, a node in the Nodes view). */
export function computeHulls(frame: SceneFrame): Hull[] {
  const p = frame.positions;
  if (!p) return [];
  const groups = new Map<string, number[]>();
  frame.nodes.forEach((n, i) => {
    if (!n.container) return;
    let list = groups.get(n.container);
    if (!list) groups.set(n.container, (list = []));
    list.push(i);
  });
  const hulls: Hull[] = [];
  for (const [id, list] of groups) {
    let cx = 0;
    let cy = 0;
    for (const i of list) {
      cx += p[i * 2]!;
      cy += p[i * 2 + 1]!;
    }
    cx /= list.length;
    cy /= list.length;
    let r = 0;
    for (const i of list) r = Math.max(r, Math.hypot(p[i * 2]! - cx, p[i * 2 + 1]! - cy) + frame.nodes[i]!.r);
    hulls.push({ id, label: parseId(id)?.name ?? id, x: cx, y: cy, r: r + 16 });
  }
  return hulls;
}

export function drawMap(ctx: CanvasRenderingContext2D, frame: SceneFrame, hulls: Hull[], cam: Camera, size: DrawSize, pal: Palette): void {
  ctx.save();
  ctx.fillStyle = pal.bg;
  ctx.fillRect(0, 0, size.width, size.height);
  const p = frame.positions;
  if (!p) {
    ctx.restore();
    return;
  }
  const { k } = cam;
  const left = -cam.x / k;
  const top = -cam.y / k;
  const right = (size.width - cam.x) / k;
  const bottom = (size.height - cam.y) / k;
  const visible = (x: number, y: number, r: number) => x + r >= left && x - r <= right && y + r >= top && y - r <= bottom;
  ctx.setTransform(ctx.getTransform().multiply(new DOMMatrix([k, 0, 0, k, cam.x, cam.y])));

  drawHulls(ctx, hulls, k, pal, visible);
  drawEdges(ctx, frame, p, k, pal, left, top, right, bottom);

  const shown: number[] = [];
  frame.nodes.forEach((n, i) => {
    if (visible(p[i * 2]!, p[i * 2 + 1]!, n.r)) shown.push(i);
  });
  for (const health of HEALTHS) {
    const dots = new Path2D();
    const circles = new Path2D();
    let anyDot = false;
    let anyCircle = false;
    for (const i of shown) {
      const n = frame.nodes[i]!;
      if (n.health !== health) continue;
      const x = p[i * 2]!;
      const y = p[i * 2 + 1]!;
      if (n.r * k < DOT_RADIUS) {
        // Small on screen, a square reads the same as a circle and costs a fraction to fill.
        const s = Math.max(1 / k, n.r * 0.85);
        dots.rect(x - s, y - s, s * 2, s * 2);
        anyDot = true;
      } else {
        circles.moveTo(x + n.r, y);
        circles.arc(x, y, n.r, 0, Math.PI * 2);
        anyCircle = true;
      }
    }
    ctx.fillStyle = pal.health[health];
    if (anyDot) ctx.fill(dots);
    if (!anyCircle) continue;
    // Circles big enough to see inside are a tint with a ring.
    ctx.globalAlpha = 0.25;
    ctx.fill(circles);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = pal.health[health];
    ctx.lineWidth = Math.min(2.5, 2 / k);
    ctx.stroke(circles);
  }
  drawDetails(ctx, frame, p, shown, k, pal);
  ctx.restore();
}

function drawHulls(ctx: CanvasRenderingContext2D, hulls: Hull[], k: number, pal: Palette, visible: (x: number, y: number, r: number) => boolean): void {
  ctx.lineWidth = 1 / k;
  ctx.strokeStyle = pal.border;
  ctx.fillStyle = pal.raised;
  for (const h of hulls) {
    if (!visible(h.x, h.y, h.r)) continue;
    ctx.beginPath();
    ctx.arc(h.x, h.y, h.r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
  // Zoomed out, the container names are what one reads; zoomed in, they sit above each hull.
  const fontPx = Math.max(12, Math.min(28, 14 / k));
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  ctx.fillStyle = pal.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const h of hulls) {
    if (!visible(h.x, h.y, h.r)) continue;
    if (h.r * k < 10) continue;
    ctx.fillText(h.label, h.x, h.y - h.r - 4 / k);
  }
}

function drawEdges(ctx: CanvasRenderingContext2D, frame: SceneFrame, p: Float32Array, k: number, pal: Palette, l: number, t: number, r: number, b: number): void {
  ctx.beginPath();
  const labels: Array<{ x: number; y: number; text: string }> = [];
  for (const e of frame.edges) {
    const si = frame.indexById.get(e.source);
    const ti = frame.indexById.get(e.target);
    if (si === undefined || ti === undefined) continue;
    const x1 = p[si * 2]!;
    const y1 = p[si * 2 + 1]!;
    const x2 = p[ti * 2]!;
    const y2 = p[ti * 2 + 1]!;
    if ((x1 < l && x2 < l) || (x1 > r && x2 > r) || (y1 < t && y2 < t) || (y1 > b && y2 > b)) continue;
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    if (e.count > 1 && k >= 0.8 && labels.length < MAX_LABELS) labels.push({ x: (x1 + x2) / 2, y: (y1 + y2) / 2, text: `×${e.count}` });
  }
  ctx.strokeStyle = pal.muted;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = Math.max(0.6, 1 / k);
  ctx.stroke();
  ctx.globalAlpha = 1;
  if (labels.length === 0) return;
  ctx.font = `${11 / k}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = pal.muted;
  for (const label of labels) ctx.fillText(label.text, label.x, label.y);
}

/** Load fill, restart badges and labels: only for nodes big enough on screen to carry them. */
function drawDetails(ctx: CanvasRenderingContext2D, frame: SceneFrame, p: Float32Array, shown: number[], k: number, pal: Palette): void {
  const big = shown.filter((i) => frame.nodes[i]!.r * k >= DETAIL_RADIUS);
  if (big.length === 0) return;
  for (const i of big) {
    const n = frame.nodes[i]!;
    const load = n.load?.cpu ?? n.load?.memory;
    if (load === undefined || load <= 0) continue;
    const x = p[i * 2]!;
    const y = p[i * 2 + 1]!;
    // Scope's shaded shapes: the node fills from the bottom as far as its use.
    const level = Math.min(1, load);
    ctx.save();
    ctx.beginPath();
    ctx.arc(x, y, n.r, 0, Math.PI * 2);
    ctx.clip();
    ctx.fillStyle = pal.health[n.health];
    ctx.globalAlpha = 0.6;
    ctx.fillRect(x - n.r, y + n.r - 2 * n.r * level, 2 * n.r, 2 * n.r * level);
    ctx.restore();
  }
  const fontPx = 11 / k;
  ctx.font = `${fontPx}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // Labels only where they fit between neighbours, cut to the room there is.
  const roomPx = (2 * BASE_RADIUS + GAP) * k;
  const labelled = big.length <= MAX_LABELS && roomPx >= LABEL_ROOM_PX ? big : [];
  // Neighbours sit staggered in a packed disc, so a label may take some of the room beside it.
  const maxChars = Math.floor((roomPx * 1.5) / 6.5);
  ctx.fillStyle = pal.fg;
  for (const i of labelled) {
    const n = frame.nodes[i]!;
    const ready = n.desired !== undefined ? ` ${n.ready ?? 0}/${n.desired}` : n.size > 1 ? ` ×${n.size}` : '';
    const room = Math.max(4, maxChars - ready.length);
    const name = n.label.length > room ? `${n.label.slice(0, room - 1)}…` : n.label;
    ctx.fillText(`${name}${ready}`, p[i * 2]!, p[i * 2 + 1]! + n.r + 2 / k);
  }
  ctx.textBaseline = 'middle';
  // The kind, as a short glyph inside each node large enough to hold it.
  if (roomPx >= LABEL_ROOM_PX) {
    ctx.font = `600 ${9 / k}px system-ui, sans-serif`;
    ctx.fillStyle = pal.fg;
    for (const i of big) {
      const n = frame.nodes[i]!;
      const glyph = KIND_GLYPHS[n.kind];
      if (glyph) ctx.fillText(glyph, p[i * 2]!, p[i * 2 + 1]!);
    }
  }
  for (const i of big) {
    const n = frame.nodes[i]!;
    if (n.restarts <= 0) continue;
    const bx = p[i * 2]! + n.r * 0.75;
    const by = p[i * 2 + 1]! - n.r * 0.75;
    const br = 6.5 / k;
    ctx.beginPath();
    ctx.arc(bx, by, br, 0, Math.PI * 2);
    ctx.fillStyle = pal.health.failed;
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = `600 ${8 / k}px system-ui, sans-serif`;
    ctx.fillText(n.restarts > 99 ? '99+' : String(n.restarts), bx, by);
  }
}
