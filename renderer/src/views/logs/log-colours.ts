/**
 * Stable colours per pod and container: the same pod keeps its colour across sessions and reloads
 * (a hash of its name), a pod's containers are shades of it, and every colour is chosen dark (or
 * light) enough to read as text on the theme's rows (WCAG AA, 4.5:1).
 */

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Hue in degrees for a pod ("cluster/namespace/pod"). */
export function podHue(pod: string): number {
  // Golden-angle spread of the hash keeps neighbouring pods (web-1, web-2) apart.
  return Math.round((hash(pod) * 137.508) % 360);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The theme rows text sits on (hover and highlight included), as 0–1 RGB. */
const LIGHT_ROW: [number, number, number] = [0xee / 255, 0xf2 / 255, 0xf8 / 255];
const DARK_ROW: [number, number, number] = [0x3a / 255, 0x32 / 255, 0x12 / 255];
const MIN_CONTRAST = 4.6;
const SATURATION = 0.7;

const cache = new Map<number, { light: number; dark: number }>();

/** Lightness (0–100) per theme that keeps this hue readable. */
export function readableLightness(hue: number): { light: number; dark: number } {
  let found = cache.get(hue);
  if (found) return found;
  let light = 50;
  while (light > 5 && contrast(hslToRgb(hue, SATURATION, light / 100), LIGHT_ROW) < MIN_CONTRAST) light--;
  let dark = 55;
  while (dark < 95 && contrast(hslToRgb(hue, SATURATION, dark / 100), DARK_ROW) < MIN_CONTRAST) dark++;
  found = { light, dark };
  cache.set(hue, found);
  return found;
}

/** CSS custom properties for a stream's colour in both themes; the container shifts the shade. */
export function streamColourVars(pod: string, container: string): Record<string, string> {
  const hue = podHue(pod);
  const shade = (hash(container) % 3) * 4;
  const { light, dark } = readableLightness(hue);
  return {
    '--pod-light': `hsl(${hue} ${SATURATION * 100}% ${light - shade}%)`,
    '--pod-dark': `hsl(${hue} ${SATURATION * 100}% ${Math.min(95, dark + shade)}%)`,
  };
}
