// Marks Python syntax problems in a Monaco model as the candidate types (debounced), using the
// in-browser check in python-syntax.ts.
import { monaco } from './monaco.js';
import { checkPythonSyntax } from './python-syntax.js';

const OWNER = 'python-syntax';
const DELAY_MS = 300;

export function watchPythonSyntax(model: monaco.editor.ITextModel): monaco.IDisposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      checkPythonSyntax(model.getValue()).map((p) => ({
        severity: monaco.MarkerSeverity.Error,
        message: `SyntaxError: ${p.message}`,
        startLineNumber: p.line,
        startColumn: p.column,
        endLineNumber: p.endLine,
        endColumn: p.endColumn,
        source: 'syntax check',
      })),
    );
  };
  check();
  const listener = model.onDidChangeContent(() => {
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  });
  return {
    dispose: () => {
      clearTimeout(timer);
      listener.dispose();
      monaco.editor.setModelMarkers(model, OWNER, []);
    },
  };
}
