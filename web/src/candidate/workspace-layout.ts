// The candidate workspace's frame: statement | editor column, the column being the toolbar over
// editor | results, with a splitter between each pair (sizes remembered in this browser, for
// every interview), a maximise-editor toggle (Escape or the toggle restores) and a skip link to
// the results. It owns where things are, never what they show: the page passes its parts in.
// Monaco follows the sizes itself (EDITOR_DEFAULTS' automaticLayout watches its host's size).
import { h } from '../dom.js';
import { storedPaneSizes, storePaneSizes, type PaneSizes } from '../shared/preferences.js';
import { createSplitter } from '../shared/splitter.js';

export interface WorkspaceParts {
  statement: HTMLElement;
  /** The editor's toolbar (role=toolbar); the layout's controls are appended to it. */
  toolbar: HTMLElement;
  editorHost: HTMLElement;
  /** What goes below the editor: the results. Gets the id the skip link points at. */
  results: HTMLElement;
}

export interface WorkspaceLayout {
  /** The page's <main>. */
  element: HTMLElement;
  /** "Skip to results": the page puts it first. */
  skipLink: HTMLElement;
  maximised(): boolean;
  setMaximised(on: boolean): void;
}

const STATEMENT_LIMITS = { minPct: 15, maxPct: 70 };
const EDITOR_LIMITS = { minPct: 15, maxPct: 90 };

export function createWorkspaceLayout(parts: WorkspaceParts): WorkspaceLayout {
  const sizes: PaneSizes = storedPaneSizes();
  const statementPane = h(
    'section',
    { id: 'statement-pane', class: 'pane statement-pane', 'aria-labelledby': 'challenge-title' },
    parts.statement,
  );
  parts.results.id = 'results-section';
  // A skip link's target must take focus to move the reading position there.
  parts.results.tabIndex = -1;
  const stack = h('div', { class: 'editor-stack' });
  const workspace = h('main', { id: 'workspace', class: 'workspace' });
  const setVariable = (name: string, pct: number): void => workspace.style.setProperty(name, `${pct}%`);

  const statementSplitter = createSplitter({
    orientation: 'vertical',
    label: 'Resize the statement and the editor',
    controls: statementPane,
    container: workspace,
    ...STATEMENT_LIMITS,
    valuePct: sizes.statementPct,
    onMove: (pct) => setVariable('--statement-width', pct),
    onCommit: (pct) => {
      sizes.statementPct = pct;
      storePaneSizes(sizes);
    },
  });
  const editorSplitter = createSplitter({
    orientation: 'horizontal',
    label: 'Resize the editor and the results',
    controls: parts.editorHost,
    container: stack,
    ...EDITOR_LIMITS,
    valuePct: sizes.editorPct,
    onMove: (pct) => setVariable('--editor-height', pct),
    onCommit: (pct) => {
      sizes.editorPct = pct;
      storePaneSizes(sizes);
    },
  });

  const maximiseButton = h(
    'button',
    {
      type: 'button',
      id: 'maximise-editor',
      class: 'secondary small',
      'aria-pressed': 'false',
      title: 'Give the editor the whole workspace (Escape restores)',
    },
    'Maximise',
  );
  const setMaximised = (on: boolean): void => {
    workspace.classList.toggle('maximised', on);
    maximiseButton.setAttribute('aria-pressed', String(on));
  };
  const maximised = (): boolean => workspace.classList.contains('maximised');
  maximiseButton.addEventListener('click', () => setMaximised(!maximised()));
  // Escape restores unless something used it first (Monaco closing its suggestions, a dialog).
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && maximised() && !e.defaultPrevented) setMaximised(false);
  });
  parts.toolbar.append(maximiseButton);

  stack.append(parts.editorHost, editorSplitter.element, parts.results);
  workspace.append(
    statementPane,
    statementSplitter.element,
    h('section', { class: 'pane editor-pane', 'aria-label': 'Solution' }, parts.toolbar, stack),
  );

  const skipLink = h('a', { class: 'skip-link', href: '#results-section' }, 'Skip to results');
  // The results are hidden while the editor is maximised: the link brings them back first.
  skipLink.addEventListener('click', () => setMaximised(false));
  return { element: workspace, skipLink, maximised, setMaximised };
}
