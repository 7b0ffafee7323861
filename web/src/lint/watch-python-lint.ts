// Marks Ruff's findings in a Monaco model as the candidate types (300 ms after the last
// keystroke). Ruff (its JS and its .wasm) is fetched only when the first model is watched, so
// no page pays for it before the candidate's editor mounts.
import wasmUrl from '@astral-sh/ruff-wasm-web/ruff_wasm_bg.wasm?url';
import { monaco } from '../monaco.js';
import type { LintMarker } from './lint-markers.js';
import type { PythonLinter } from './ruff-linter.js';

const OWNER = 'ruff';
const DELAY_MS = 300;

let linter: Promise<PythonLinter> | undefined;

function loadLinter(): Promise<PythonLinter> {
  linter ??= import('./ruff-linter.js').then((m) => m.startRuff(wasmUrl));
  return linter;
}

function toMarker(m: LintMarker): monaco.editor.IMarkerData {
  return {
    severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: m.message,
    source: 'Ruff',
    ...(m.code ? { code: m.code } : {}),
    startLineNumber: m.line,
    startColumn: m.column,
    endLineNumber: m.endLine,
    endColumn: m.endColumn,
    tags: m.tags.map((t) => (t === 'unnecessary' ? monaco.MarkerTag.Unnecessary : monaco.MarkerTag.Deprecated)),
  };
}

export function watchPythonLint(model: monaco.editor.ITextModel): monaco.IDisposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let ruff: PythonLinter | undefined;
  const check = (): void => {
    if (!ruff || disposed || model.isDisposed()) return;
    monaco.editor.setModelMarkers(model, OWNER, ruff.lint(model.getValue()).map(toMarker));
  };
  loadLinter().then(
    (loaded) => {
      ruff = loaded;
      check();
    },
    // Lint is a help, not a gate: without it the candidate still edits, runs and submits, and the
    // sandbox's Python reports a syntax error as invalid_submission.
    (error: unknown) => console.warn('The Python lint (Ruff) could not be loaded; no marks while typing.', error),
  );
  const listener = model.onDidChangeContent(() => {
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  });
  return {
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
      listener.dispose();
      if (!model.isDisposed()) monaco.editor.setModelMarkers(model, OWNER, []);
    },
  };
}
