// Monaco, lean: the editor API, the features Python editing uses (suggest, hover, find, folding,
// comments, bracket matching, diff editor, ...), the Python grammar, and the one editor worker
// built by Vite as a same-origin module file (what the page's CSP allows). Every editor follows
// the page's theme (vs, or vs-dark made AA) and this browser's editor font size.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/diffEditor/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/gotoLine/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/parameterHints/register.js';
import 'monaco-editor/features/readOnlyMessage/register.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import 'monaco-editor/languages/definitions/python/register.js';
import { storedFontSize, storeFontSize, type Theme } from './shared/preferences.js';
import { currentTheme, onThemeChange } from './shared/theme.js';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };

/** Options every editor of the app shares. */
export const EDITOR_DEFAULTS: monaco.editor.IStandaloneEditorConstructionOptions = {
  language: 'python',
  theme: monacoTheme(currentTheme()),
  fontSize: storedFontSize(),
  tabSize: 4,
  insertSpaces: true,
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  renderWhitespace: 'selection',
  fixedOverflowWidgets: true,
  ariaLabel: 'Code editor',
};

// vs-dark with its two colours below WCAG AA on its background (4.5:1) lightened: comments
// (#608b4e, 4.2:1) and the dimmed number of the last line (#474747, 1.8:1).
monaco.editor.defineTheme('grader-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '7ca668' }],
  colors: { 'editorLineNumber.dimmedForeground': '#8a8a8a' },
});

function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'grader-dark' : 'vs';
}
// Monaco's theme is one for the whole page.
onThemeChange((theme) => monaco.editor.setTheme(monacoTheme(theme)));

/** Sets every editor's font size, now and for editors made later, and remembers it in this browser. */
export function setEditorFontSize(px: number): void {
  storeFontSize(px);
  EDITOR_DEFAULTS.fontSize = px;
  for (const editor of monaco.editor.getEditors()) editor.updateOptions({ fontSize: px });
  for (const diff of monaco.editor.getDiffEditors()) diff.updateOptions({ fontSize: px });
}
