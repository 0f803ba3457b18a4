/** Keyboard movement between drawn nodes: Tab in reading order, arrows to the nearest node that way. */
import type { SceneFrame } from '../scene';

export type Direction = 'left' | 'right' | 'up' | 'down';

export type KeyAction =
  { kind: 'focus'; index: number } | { kind: 'clear' } | { kind: 'open'; index: number } | { kind: 'zoom'; factor: number } | { kind: 'fit' };

const KEY_DIRECTIONS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * What a key does on the map, given the focused node: arrows go to the nearest node that way,
 * Tab/Shift+Tab walk the reading order (and leave the map past either end), Home/End jump to its
 * ends, Enter opens, Escape clears, + − 0 zoom and fit. Undefined: the key is not the map's.
 */
export function keyAction(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  frame: SceneFrame,
  current: number | undefined,
  order: () => number[],
): KeyAction | undefined {
  if (frame.nodes.length === 0) return undefined;
  const focus = (index: number | undefined): KeyAction | undefined => (index === undefined ? undefined : { kind: 'focus', index });
  const direction = KEY_DIRECTIONS[event.key];
  if (direction) return focus(current === undefined || !frame.positions ? order()[0] : (nextInDirection(frame, current, direction) ?? current));
  switch (event.key) {
    case 'Tab': {
      const list = order();
      if (current === undefined) return focus(list[event.shiftKey ? list.length - 1 : 0]);
      const to = list.indexOf(current) + (event.shiftKey ? -1 : 1);
      return to < 0 || to >= list.length ? undefined : focus(list[to]);
    }
    case 'Home':
      return focus(order()[0]);
    case 'End':
      return focus(order().at(-1));
    case 'Enter':
      return current === undefined ? undefined : { kind: 'open', index: current };
    case 'Escape':
      return current === undefined ? undefined : { kind: 'clear' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: 1.25 };
    case '-':
      return { kind: 'zoom', factor: 0.8 };
    case '0':
      return { kind: 'fit' };
    default:
      return undefined;
  }
}

/** Node indices by namespace, then label: the order Tab walks and the table lists. */
export function tabOrder(frame: SceneFrame): number[] {
  const key = (i: number) => `${frame.nodes[i]!.namespace ?? ''}\u0000${frame.nodes[i]!.label}\u0000${frame.nodes[i]!.id}`;
  return frame.nodes.map((_, i) => i).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The nearest node within 60° of the direction, distance weighted against straying off-axis. */
export function nextInDirection(frame: SceneFrame, from: number, direction: Direction): number | undefined {
  const p = frame.positions;
  if (!p) return undefined;
  const [ux, uy] = direction === 'left' ? [-1, 0] : direction === 'right' ? [1, 0] : direction === 'up' ? [0, -1] : [0, 1];
  const fx = p[from * 2]!;
  const fy = p[from * 2 + 1]!;
  let best: number | undefined;
  let bestScore = Infinity;
  for (let i = 0; i < frame.nodes.length; i++) {
    if (i === from) continue;
    const dx = p[i * 2]! - fx;
    const dy = p[i * 2 + 1]! - fy;
    const along = dx * ux + dy * uy;
    if (along <= 0) continue;
    const across = Math.abs(dx * uy - dy * ux);
    if (across > along * 1.8) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
