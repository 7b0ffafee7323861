// The page's colour theme: the one chosen in this browser, else the system's
// (prefers-color-scheme, followed while nothing is chosen); a choice made in another tab applies at
// once. It sets `data-theme` on <html>, which
// styles.css's colour variables key on; editors follow through `onThemeChange` (monaco.ts).
import { storedTheme, storeTheme, type Theme } from './preferences.js';

const listeners = new Set<(theme: Theme) => void>();
const systemDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** The theme this browser has chosen, else the system's. */
function wantedTheme(): Theme {
  return storedTheme() ?? (systemDark?.matches ? 'dark' : 'light');
}

/** The theme the page shows. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function apply(): void {
  const theme = wantedTheme();
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener(theme);
}

/**
 * Applies the theme now, and keeps following the system's until one is chosen, and a choice made
 * in another tab of this browser. Call once, first.
 */
export function applyTheme(): void {
  apply();
  systemDark?.addEventListener('change', apply);
  window.addEventListener('storage', apply);
}

/** Chooses a theme for this browser (remembered). */
export function chooseTheme(theme: Theme): void {
  storeTheme(theme);
  apply();
}

export function onThemeChange(listener: (theme: Theme) => void): void {
  listeners.add(listener);
}
