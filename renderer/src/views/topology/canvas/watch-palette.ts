/** The map's colours follow the theme: the app's switch (`data-theme`) and the system's dark mode. */
import { watchColorScheme } from '../../../model/color-scheme';
import { readPalette, type Palette } from './draw-map';

/** Calls `changed` with the new palette whenever the theme changes; returns the unsubscribe. */
export function watchPalette(root: HTMLElement, changed: (palette: Palette) => void): () => void {
  return watchColorScheme(() => changed(readPalette(root)));
}
