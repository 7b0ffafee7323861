// This browser's view preferences, kept in localStorage for every interview alike (never sent to
// the server): the colour theme, the editors' font size and the candidate workspace's pane sizes.
// A missing, unreadable or out-of-range value reads as the default.

export type Theme = 'light' | 'dark';

/** The pane sizes of the candidate workspace, in percent of the space the splitter divides. */
export interface PaneSizes {
  /** The statement's share of the workspace's width. */
  statementPct: number;
  /** The editor's share of the editor-and-results column's height. */
  editorPct: number;
}

export const FONT_SIZES_PX = [12, 13, 14, 15, 16, 18, 20, 22] as const;
export const DEFAULT_FONT_SIZE_PX = 14;
export const DEFAULT_PANE_SIZES: PaneSizes = { statementPct: 38, editorPct: 58 };

const KEYS = {
  theme: 'grader:pref:theme',
  fontSize: 'grader:pref:editor-font-size',
  panes: 'grader:pref:pane-sizes',
} as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: defaults, and nothing remembered
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch (error) {
    console.warn(`could not remember ${key}`, error);
  }
}

/** The theme chosen in this browser, or null when none was (the system's preference applies). */
export function storedTheme(): Theme | null {
  const value = read(KEYS.theme);
  return value === 'light' || value === 'dark' ? value : null;
}

export function storeTheme(theme: Theme): void {
  write(KEYS.theme, theme);
}

export function storedFontSize(): number {
  const value = Number(read(KEYS.fontSize));
  return (FONT_SIZES_PX as readonly number[]).includes(value) ? value : DEFAULT_FONT_SIZE_PX;
}

export function storeFontSize(px: number): void {
  write(KEYS.fontSize, String(px));
}

export function storedPaneSizes(): PaneSizes {
  try {
    const value = JSON.parse(read(KEYS.panes) ?? '{}') as Partial<Record<keyof PaneSizes, unknown>>;
    const pct = (v: unknown, fallback: number): number => (typeof v === 'number' && v >= 5 && v <= 95 ? v : fallback);
    return {
      statementPct: pct(value.statementPct, DEFAULT_PANE_SIZES.statementPct),
      editorPct: pct(value.editorPct, DEFAULT_PANE_SIZES.editorPct),
    };
  } catch {
    return { ...DEFAULT_PANE_SIZES };
  }
}

export function storePaneSizes(sizes: PaneSizes): void {
  write(KEYS.panes, JSON.stringify(sizes));
}
