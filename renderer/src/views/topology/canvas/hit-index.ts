/** Which node is under the pointer: a quadtree over the current frame, rebuilt only when it changed. */
import { quadtree, type Quadtree } from 'd3-quadtree';
import type { SceneFrame } from '../scene';

export class HitIndex {
  private tree: Quadtree<number> | undefined;
  private version = -1;
  private maxR = 0;

  /** The index of the node whose circle contains (x, y) in world units, within `slop`. */
  find(frame: SceneFrame, x: number, y: number, slop: number): number | undefined {
    const positions = frame.positions;
    if (!positions) return undefined;
    if (frame.version !== this.version) {
      this.version = frame.version;
      this.maxR = 0;
      for (const n of frame.nodes) this.maxR = Math.max(this.maxR, n.r);
      this.tree = quadtree<number>()
        .x((i) => positions[i * 2]!)
        .y((i) => positions[i * 2 + 1]!)
        .addAll(frame.nodes.map((_, i) => i));
    }
    const i = this.tree?.find(x, y, this.maxR + slop);
    if (i === undefined) return undefined;
    const dx = positions[i * 2]! - x;
    const dy = positions[i * 2 + 1]! - y;
    return Math.hypot(dx, dy) <= frame.nodes[i]!.r + slop ? i : undefined;
  }
}
