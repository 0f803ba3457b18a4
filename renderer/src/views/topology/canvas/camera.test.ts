import { describe, expect, it } from 'vitest';
import { fitCamera, reveal, toWorld, zoomAt } from './camera';

describe('camera', () => {
  it('zooms about the pointer: the world point under it stays put', () => {
    const cam = { x: 30, y: -20, k: 0.7 };
    const before = toWorld(cam, 400, 300);
    const after = toWorld(zoomAt(cam, 400, 300, 1.8), 400, 300);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('fits every position inside the viewport, centred', () => {
    const positions = new Float32Array([-500, -100, 1500, 300, 200, 900]);
    const cam = fitCamera(positions, 800, 600);
    for (let i = 0; i < positions.length; i += 2) {
      const sx = positions[i]! * cam.k + cam.x;
      const sy = positions[i + 1]! * cam.k + cam.y;
      expect(sx).toBeGreaterThanOrEqual(0);
      expect(sx).toBeLessThanOrEqual(800);
      expect(sy).toBeGreaterThanOrEqual(0);
      expect(sy).toBeLessThanOrEqual(600);
    }
    expect(500 * cam.k + cam.x).toBeCloseTo(400);
  });

  it('reveals an off-screen point with the least pan, and leaves a visible one alone', () => {
    const cam = { x: 0, y: 0, k: 1 };
    expect(reveal(cam, 400, 300, 800, 600)).toBe(cam);
    const moved = reveal(cam, 1000, 300, 800, 600);
    expect(1000 * moved.k + moved.x).toBeLessThanOrEqual(800);
    expect(moved.y).toBe(0);
  });
});
