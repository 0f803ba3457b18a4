import { describe, expect, it } from 'vitest';
import { AutoUnfolder, autoUnfold, sameIds, type SemanticZoomOptions } from './semantic-zoom';

const viewport = { width: 800, height: 600 };
const options: SemanticZoomOptions = { unfoldPx: 60, foldPx: 40, cap: 3 };
const group = (id: string, x: number, y: number, r = 12) => ({ id, x, y, r });

describe('semantic zoom', () => {
  it('unfolds a group on screen once it is drawn larger than the threshold', () => {
    const groups = [group('group:a', 0, 0)];
    expect(autoUnfold({ x: 400, y: 300, k: 4 }, viewport, groups, new Set(), options)).toEqual(new Set());
    expect(autoUnfold({ x: 400, y: 300, k: 5.5 }, viewport, groups, new Set(), options)).toEqual(new Set(['group:a']));
  });

  it('does not unfold a large group whose centre is off screen', () => {
    const groups = [group('group:a', 0, 0)];
    expect(autoUnfold({ x: -30, y: 300, k: 6 }, viewport, groups, new Set(), options)).toEqual(new Set());
  });

  it('keeps an unfolded group between the thresholds and folds it below the lower one', () => {
    const groups = [group('group:a', 0, 0)];
    const current = new Set(['group:a']);
    // 12 × 4 = 48 px: too small to unfold, large enough to stay unfolded.
    expect(autoUnfold({ x: 400, y: 300, k: 4 }, viewport, groups, current, options)).toEqual(current);
    expect(autoUnfold({ x: 400, y: 300, k: 4 }, viewport, groups, new Set(), options)).toEqual(new Set());
    expect(autoUnfold({ x: 400, y: 300, k: 3 }, viewport, groups, current, options)).toEqual(new Set());
  });

  it('keeps an unfolded group partly on screen, folds it once it leaves', () => {
    const groups = [group('group:a', 0, 0)];
    const current = new Set(['group:a']);
    expect(autoUnfold({ x: -30, y: 300, k: 6 }, viewport, groups, current, options)).toEqual(current);
    expect(autoUnfold({ x: -100, y: 300, k: 6 }, viewport, groups, current, options)).toEqual(new Set());
  });

  it('caps the unfolded groups to the largest on screen', () => {
    const groups = [group('group:s', -20, 0, 11), group('group:m', 0, 0, 12), group('group:l', 20, 0, 14), group('group:xl', 40, 0, 16)];
    const picked = autoUnfold({ x: 300, y: 300, k: 6 }, viewport, groups, new Set(), options);
    expect(picked).toEqual(new Set(['group:xl', 'group:l', 'group:m']));
  });

  it('at equal size prefers what is already unfolded, so the cap does not churn', () => {
    const groups = ['group:a', 'group:b', 'group:c', 'group:d'].map((id, i) => group(id, i * 10, 0));
    const current = new Set(['group:d', 'group:c', 'group:b']);
    expect(autoUnfold({ x: 300, y: 300, k: 6 }, viewport, groups, current, options)).toEqual(current);
  });

  it('compares id sets regardless of order', () => {
    expect(sameIds(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameIds(new Set(['a']), new Set(['a', 'b']))).toBe(false);
  });

  it('judges an unfolded group by its folded size and place, whether or not its workload is still drawn', () => {
    const unfolder = new AutoUnfolder();
    const node = (id: string, size: number, r: number) => ({ id, size, r });
    const frame = (nodes: Array<{ id: string; size: number; r: number }>, positions: number[]) => ({
      nodes: nodes as never,
      positions: new Float32Array(positions),
      indexById: new Map(nodes.map((n, i) => [n.id, i])),
    });
    const none = new Set<string>();
    const cam = { x: 400, y: 300, k: 6 };
    const folded = frame([node('group:sts', 4, 12), node('group:one', 1, 8)], [0, 0, 20, 0]);
    expect(unfolder.decide(folded, cam, viewport, { explicit: none, auto: none })).toEqual(['group:sts']);
    const auto = new Set(['group:sts']);
    // Unfolded: the workload alone is left in the group (radius 8, 48 px): it stays unfolded.
    const shrunk = frame([node('group:sts', 1, 8), node('pod', 1, 8)], [0, 0, 5, 5]);
    expect(unfolder.decide(shrunk, cam, viewport, { explicit: none, auto })).toBeUndefined();
    // Unfolded with nothing left drawn of it: judged where it stood.
    const gone = frame([node('pod', 1, 8)], [5, 5]);
    expect(unfolder.decide(gone, cam, viewport, { explicit: none, auto })).toBeUndefined();
    expect(unfolder.decide(gone, { ...cam, k: 3 }, viewport, { explicit: none, auto })).toEqual([]);
    // Double-clicked: never folded by zoom, never counted as unfolded by it.
    expect(unfolder.decide(folded, cam, viewport, { explicit: auto, auto: none })).toBeUndefined();
  });
});
