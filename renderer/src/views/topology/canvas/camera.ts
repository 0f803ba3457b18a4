/** The map's view transform: screen = world × k + (x, y), in CSS pixels. */
export interface Camera {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 6;

export function toWorld(c: Camera, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - c.x) / c.k, y: (sy - c.y) / c.k };
}

/** Zooms by `factor` keeping the world point under (sx, sy) where it is. */
export function zoomAt(c: Camera, sx: number, sy: number, factor: number): Camera {
  const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, c.k * factor));
  const w = toWorld(c, sx, sy);
  return { k, x: sx - w.x * k, y: sy - w.y * k };
}

/** The camera showing every position with a margin, no closer than 1.5×. */
export function fitCamera(positions: Float32Array, width: number, height: number, margin = 40): Camera {
  if (positions.length < 2 || width <= 0 || height <= 0) return { x: width / 2, y: height / 2, k: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < positions.length; i += 2) {
    const x = positions[i]!;
    const y = positions[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const k = Math.min(1.5, Math.max(MIN_ZOOM, Math.min((width - 2 * margin) / Math.max(1, maxX - minX + 40), (height - 2 * margin) / Math.max(1, maxY - minY + 40))));
  return { k, x: width / 2 - ((minX + maxX) / 2) * k, y: height / 2 - ((minY + maxY) / 2) * k };
}

/** Pans the least needed to bring a world point inside the viewport's inner part. */
export function reveal(c: Camera, x: number, y: number, width: number, height: number, margin = 80): Camera {
  const sx = x * c.k + c.x;
  const sy = y * c.k + c.y;
  const dx = sx < margin ? margin - sx : sx > width - margin ? width - margin - sx : 0;
  const dy = sy < margin ? margin - sy : sy > height - margin ? height - margin - sy : 0;
  return dx || dy ? { ...c, x: c.x + dx, y: c.y + dy } : c;
}
