/**
 * Whether the UI is drawn dark: theme.css sets `color-scheme` on the root for the user's choice
 * (light, dark, or the system's), so that one computed value is the answer everywhere — canvas
 * palettes and Monaco read it instead of re-deriving it from the media query and the setting.
 */
export function isDarkScheme(): boolean {
  return getComputedStyle(document.documentElement).colorScheme.split(/\s+/)[0] === 'dark';
}

/** Calls `changed` whenever the scheme may have changed (the setting or the system's mode); returns the unsubscribe. */
export function watchColorScheme(changed: () => void): () => void {
  const setting = new MutationObserver(changed);
  setting.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', changed);
  return () => {
    setting.disconnect();
    system.removeEventListener('change', changed);
  };
}
