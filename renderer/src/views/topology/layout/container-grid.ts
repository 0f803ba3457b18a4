/**
 * Where each container (a namespace, or a node in the Nodes view) sits: anchors on a grid, in
 * sorted order, each cell sized for its container's packed disc. The grid is laid out again only
 * when a container appears or outgrows its cell by far (`needsReflow`); the layout then moves whole
 * containers rigidly, so what is inside each keeps its shape.
 */
export interface ContainerSize {
  key: string;
  /** Estimated radius of the container's packed disc, in world units. */
  radius: number;
}

const MARGIN = 60;

export class ContainerGrid {
  private readonly anchors = new Map<string, { x: number; y: number }>();
  /** The radius each container's cell was sized for. */
  private readonly sizedFor = new Map<string, number>();
  private cols = 1;
  private colX: number[] = [0];
  private rowY: number[] = [0];
  private cell = 200;
  private slots = 0;

  /** Lays out every container from scratch (first layout, re-layout). */
  reset(sizes: ContainerSize[]): void {
    this.anchors.clear();
    this.sizedFor.clear();
    for (const s of sizes) this.sizedFor.set(s.key, s.radius);
    const sorted = [...sizes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const m = Math.max(1, sorted.length);
    this.cols = Math.max(1, Math.ceil(Math.sqrt(m)));
    const rows = Math.ceil(m / this.cols);
    const colW = new Array<number>(this.cols).fill(0);
    const rowH = new Array<number>(rows).fill(0);
    sorted.forEach((s, i) => {
      const d = 2 * s.radius + MARGIN;
      colW[i % this.cols] = Math.max(colW[i % this.cols]!, d);
      rowH[Math.floor(i / this.cols)] = Math.max(rowH[Math.floor(i / this.cols)]!, d);
    });
    this.cell = Math.max(200, ...colW, ...rowH);
    this.colX = offsets(colW);
    this.rowY = offsets(rowH);
    sorted.forEach((s, i) => this.anchors.set(s.key, this.slot(i)));
    this.slots = sorted.length;
  }

  /** A container is new, or has grown well past the cell it was given. */
  needsReflow(sizes: ContainerSize[]): boolean {
    return sizes.some((s) => {
      const was = this.sizedFor.get(s.key);
      return was === undefined || (s.radius > was * 1.3 && s.radius - was > 40);
    });
  }

  has(key: string): boolean {
    return this.anchors.has(key);
  }

  anchor(key: string): { x: number; y: number } {
    let a = this.anchors.get(key);
    if (!a) {
      a = this.slot(this.slots++);
      this.anchors.set(key, a);
    }
    return a;
  }

  private slot(i: number): { x: number; y: number } {
    const col = i % this.cols;
    const row = Math.floor(i / this.cols);
    const last = this.rowY.length - 1;
    const y = row <= last ? this.rowY[row]! : this.rowY[last]! + (row - last) * this.cell;
    return { x: this.colX[col] ?? col * this.cell, y };
  }
}

/** Centres of consecutive cells of the given widths, the whole row centred on 0. */
function offsets(sizes: number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let at = -total / 2;
  for (const s of sizes) {
    out.push(at + s / 2);
    at += s;
  }
  return out;
}
