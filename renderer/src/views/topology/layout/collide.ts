/**
 * Short-range repulsion, a custom d3 force standing in for d3's many-body (Barnes–Hut costs tens
 * of ms per tick at 10k nodes here, and forceCollide's quadtree rebuild several): padded circles
 * that overlap push apart. Neighbours come from a uniform grid hashed into buckets by a counting
 * sort over typed arrays — no allocation per tick beyond growing buffers — so a tick is O(n).
 */
import type { Force, SimulationNodeDatum } from 'd3-force';

export interface CollideBody extends SimulationNodeDatum {
  x: number;
  y: number;
  vx: number;
  vy: number;
  r: number;
}

/** Overlapping bodies (with `gap` kept clear between rims) push apart; fixed ones (`fx`) push, are not pushed. */
export function forceHashedCollide<N extends CollideBody>(gap: number, strength: number): Force<N, undefined> {
  const collider = new Collider();
  let bodies: readonly N[] = [];
  const force = () => collider.apply(bodies, gap, strength);
  force.initialize = (nodes: N[]) => {
    bodies = nodes;
  };
  return force;
}

class Collider {
  private px = new Float64Array(0);
  private py = new Float64Array(0);
  private vx = new Float64Array(0);
  private vy = new Float64Array(0);
  private rad = new Float64Array(0);
  private fixed = new Uint8Array(0);
  private bucketOf = new Int32Array(0);
  private start = new Int32Array(0);
  private sorted = new Int32Array(0);

  /** Adds the collision impulses to each body's velocity; `gap` is kept clear between rims. */
  apply(bodies: readonly CollideBody[], gap: number, strength: number): void {
    const n = bodies.length;
    if (n < 2) return;
    this.ensure(n);
    const { px, py, vx, vy, rad, fixed } = this;
    let maxR = 0;
    for (let i = 0; i < n; i++) {
      const b = bodies[i]!;
      // Predicted positions, as d3's collide uses: overlaps are resolved where nodes are heading.
      px[i] = b.x + b.vx;
      py[i] = b.y + b.vy;
      vx[i] = b.vx;
      vy[i] = b.vy;
      rad[i] = b.r;
      fixed[i] = b.fx != null || b.fy != null ? 1 : 0;
      if (b.r > maxR) maxR = b.r;
    }
    const size = 2 * maxR + gap;
    const buckets = this.start.length - 1;
    const mask = buckets - 1;
    const { bucketOf, start, sorted } = this;
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const k = bucket(Math.floor(px[i]! / size), Math.floor(py[i]! / size), mask);
      bucketOf[i] = k;
      start[k + 1]!++;
    }
    for (let k = 0; k < buckets; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, buckets);
    for (let i = 0; i < n; i++) sorted[fill[bucketOf[i]!]!++] = i;

    for (let a = 0; a < n; a++) {
      const ax = px[a]!;
      const ay = py[a]!;
      const ar = rad[a]!;
      const cx = Math.floor(ax / size);
      const cy = Math.floor(ay / size);
      for (let i = -1; i <= 1; i++) {
        for (let j = -1; j <= 1; j++) {
          const k = bucket(cx + i, cy + j, mask);
          for (let s = start[k]!, e = start[k + 1]!; s < e; s++) {
            const b = sorted[s]!;
            if (b <= a) continue;
            const min = ar + rad[b]! + gap;
            let dx = ax - px[b]!;
            let dy = ay - py[b]!;
            let d2 = dx * dx + dy * dy;
            if (d2 >= min * min) continue;
            if (d2 === 0) {
              // Coincident: part them along a direction fixed by their indices, never at random.
              const angle = ((a * 7919 + b * 104729) % 360) * (Math.PI / 180);
              dx = Math.cos(angle) * 1e-3;
              dy = Math.sin(angle) * 1e-3;
              d2 = 1e-6;
            }
            const d = Math.sqrt(d2);
            const l = ((min - d) / d) * strength;
            const wa = rad[b]! * rad[b]!;
            const wb = ar * ar;
            const share = fixed[a] ? 0 : fixed[b] ? 1 : wa / (wa + wb);
            vx[a]! += dx * l * share;
            vy[a]! += dy * l * share;
            vx[b]! -= dx * l * (1 - share);
            vy[b]! -= dy * l * (1 - share);
          }
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const b = bodies[i]!;
      b.vx = vx[i]!;
      b.vy = vy[i]!;
    }
  }

  private ensure(n: number): void {
    if (this.px.length < n) {
      const cap = Math.max(64, n * 2);
      this.px = new Float64Array(cap);
      this.py = new Float64Array(cap);
      this.vx = new Float64Array(cap);
      this.vy = new Float64Array(cap);
      this.rad = new Float64Array(cap);
      this.fixed = new Uint8Array(cap);
      this.bucketOf = new Int32Array(cap);
      this.sorted = new Int32Array(cap);
    }
    let buckets = 64;
    while (buckets < n * 2) buckets *= 2;
    if (this.start.length !== buckets + 1) this.start = new Int32Array(buckets + 1);
  }
}

/** Cell → bucket; two cells sharing a bucket only cost extra distance checks. */
function bucket(cx: number, cy: number, mask: number): number {
  return (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & mask;
}
