/** The map's colours follow the theme: the app's switch (`data-theme`) and the system's dark mode. */
import { readPalette, type Palette } from './draw-map';

/** Calls `changed` with the new palette whenever either changes; returns the unsubscribe. */
export function watchPalette(root: HTMLElement, changed: (palette: Palette) => void): () => void {
  const update = () => changed(readPalette(root));
  const theme = new MutationObserver(update);
  theme.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', update);
  return () => {
    theme.disconnect();
    media.removeEventListener('change', update);
  };
}
