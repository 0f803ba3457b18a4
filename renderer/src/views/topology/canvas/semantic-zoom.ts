/**
 * Semantic zoom: which groups unfold by themselves because the camera shows them large enough to
 * read their pods. Pure, so the UI thread only decides ids and the worker does the heavy part.
 */
import type { SceneFrame } from '../scene';
import type { Camera } from './camera';

/** A group as the camera sees it; an unfolded group keeps the place and radius it had when folded. */
export interface ZoomCandidate {
  id: string;
  x: number;
  y: number;
  r: number;
}

export interface SemanticZoomOptions {
  /** On-screen radius (CSS px) from which a group on screen unfolds. */
  unfoldPx: number;
  /** Below this on-screen radius an auto-unfolded group folds again (hysteresis: below unfoldPx). */
  foldPx: number;
  /** At most this many groups unfolded by zoom at once: the largest on screen win. */
  cap: number;
}

export const SEMANTIC_ZOOM: SemanticZoomOptions = {
  unfoldPx: 60,
  foldPx: 40,
  cap: 20,
};

/**
 * The groups to keep unfolded by zoom. A group unfolds when its centre is on screen and it is drawn
 * larger than `unfoldPx`; once unfolded it stays while any part of it is on screen and it is drawn
 * larger than `foldPx`, so a gesture resting near a threshold does not flicker.
 */
export function autoUnfold(
  cam: Camera,
  viewport: { width: number; height: number },
  candidates: Iterable<ZoomCandidate>,
  current: ReadonlySet<string>,
  options: SemanticZoomOptions = SEMANTIC_ZOOM,
): Set<string> {
  const eligible: Array<{ id: string; px: number; kept: boolean }> = [];
  for (const c of candidates) {
    const px = c.r * cam.k;
    const sx = c.x * cam.k + cam.x;
    const sy = c.y * cam.k + cam.y;
    const kept = current.has(c.id);
    const visible = kept
      ? sx + px >= 0 && sx - px <= viewport.width && sy + px >= 0 && sy - px <= viewport.height
      : sx >= 0 && sx <= viewport.width && sy >= 0 && sy <= viewport.height;
    if (visible && px >= (kept ? options.foldPx : options.unfoldPx)) eligible.push({ id: c.id, px, kept });
  }
  // Largest first; at equal size what is already unfolded stays, then a fixed order.
  eligible.sort((a, b) => b.px - a.px || Number(b.kept) - Number(a.kept) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Set(eligible.slice(0, options.cap).map((e) => e.id));
}

export function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/**
 * Semantic zoom over the drawn frame: remembers where each group unfolded by zoom stood (it is no
 * longer drawn once unfolded), so it can be judged there when the camera moves away.
 */
export class AutoUnfolder {
  private anchors = new Map<string, ZoomCandidate>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Runs `decide` once nothing asked again for `ms`: when a gesture ends or the layout settles. */
  later(ms: number, decide: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(decide, ms);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  /** The groups to unfold by zoom now; undefined when that is what `current` already says. */
  decide(
    frame: Pick<SceneFrame, 'nodes' | 'positions' | 'indexById'>,
    cam: Camera,
    viewport: { width: number; height: number },
    unfolded: { explicit: ReadonlySet<string>; auto: ReadonlySet<string> },
  ): string[] | undefined {
    const p = frame.positions;
    if (!p) return undefined;
    const candidates: ZoomCandidate[] = [];
    frame.nodes.forEach((node, i) => {
      // A double-clicked group is the user's to fold.
      if (!node.id.startsWith('group:') || unfolded.explicit.has(node.id)) return;
      const anchor = unfolded.auto.has(node.id) ? this.anchors.get(node.id) : undefined;
      // What stays drawn of an unfolded group (its workload) is smaller: it is judged by its folded size.
      // A folded group of one object shows nothing more unfolded.
      if (anchor || node.size > 1) candidates.push({ id: node.id, x: p[i * 2]!, y: p[i * 2 + 1]!, r: anchor?.r ?? node.r });
    });
    for (const id of unfolded.auto) {
      const anchor = this.anchors.get(id);
      if (anchor && !frame.indexById.has(id) && !unfolded.explicit.has(id)) candidates.push(anchor);
    }
    const next = autoUnfold(cam, viewport, candidates, unfolded.auto);
    this.anchors = new Map(candidates.filter((c) => next.has(c.id)).map((c) => [c.id, c]));
    return sameIds(unfolded.auto, next) ? undefined : [...next];
  }
}
