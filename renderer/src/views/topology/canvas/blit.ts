import type { Camera } from './camera';

/**
 * The last full draw (`cache`, drawn from camera `from`) as seen from camera `to`: a gesture's frame
 * costs one image copy. What the cache did not cover stays background.
 */
export function blitCache(
  ctx: CanvasRenderingContext2D,
  cache: HTMLCanvasElement,
  from: Camera,
  to: Camera,
  size: { width: number; height: number },
  dpr: number,
  background: string,
): void {
  const f = to.k / from.k;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.translate(to.x - from.x * f, to.y - from.y * f);
  ctx.scale(f, f);
  ctx.drawImage(cache, 0, 0, size.width, size.height);
}
