import { describe, expect, it } from 'vitest';
import { podHue, readableLightness, streamColourVars } from './log-colours';

describe('pod colours', () => {
  it('are stable per pod and spread across pods', () => {
    expect(podHue('demo/shop/web-1')).toBe(podHue('demo/shop/web-1'));
    const hues = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((p) => podHue(`demo/shop/web-${p}`)));
    expect(hues.size).toBe(6);
    expect(streamColourVars('demo/shop/web-1', 'app')).toEqual(streamColourVars('demo/shop/web-1', 'app'));
  });

  it('stay readable on both themes for every hue', () => {
    for (let hue = 0; hue < 360; hue += 5) {
      const { light, dark } = readableLightness(hue);
      expect(light, `hue ${hue}`).toBeGreaterThan(10);
      expect(dark, `hue ${hue}`).toBeLessThan(95);
    }
  });
});
