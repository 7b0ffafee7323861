// Monaco completion, hover and signature-help providers for Python backed by the generated PySpark
// API data: after `F.` the functions, after a DataFrame its methods, and so on (see
// resolve-receiver.ts); hovering a PySpark name shows its signature and the first paragraph of its
// docstring; inside a call's parentheses, its signature with the parameter being typed (signature-at.ts).
import { monaco } from '../monaco.js';
import { PYSPARK_API, findMember, scopeLabel, scopeOf, type ApiMember, type ScopeRef } from './pyspark-api.js';
import { receiverAt, type CodeContext } from './resolve-receiver.js';
import { signaturesAt } from './signature-at.js';

const KIND: Record<ApiMember['kind'], monaco.languages.CompletionItemKind> = {
  function: monaco.languages.CompletionItemKind.Function,
  method: monaco.languages.CompletionItemKind.Method,
  property: monaco.languages.CompletionItemKind.Property,
  class: monaco.languages.CompletionItemKind.Class,
  constant: monaco.languages.CompletionItemKind.Constant,
};
/** Offered when the receiver cannot be worked out: what a PySpark solution mostly holds. */
const FALLBACK: ScopeRef[] = [
  { kind: 'class', name: 'DataFrame' },
  { kind: 'class', name: 'Column' },
];

function headline(owner: ScopeRef, m: ApiMember): string {
  const prefix = owner.kind === 'module' ? 'F' : owner.name;
  return `${prefix}.${m.name}${m.signature}${m.returns && m.returns !== 'None' ? ` -> ${m.returns}` : ''}`;
}

function docs(owner: ScopeRef, doc: string): monaco.IMarkdownString {
  return { value: `${doc}\n\n*${scopeLabel(owner)} · PySpark ${PYSPARK_API.pysparkVersion}*` };
}

/** Registers the providers once for the page; `context` gives the challenge's entrypoint and DataFrame inputs. */
export function registerPyspark(context: () => CodeContext): monaco.IDisposable {
  const completion = monaco.languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const wordStart = model.getOffsetAt({ lineNumber: position.lineNumber, column: word.startColumn });
      const source = model.getValue();
      if (source[wordStart - 1] !== '.') return { suggestions: [] };
      const ref = receiverAt(PYSPARK_API, source, wordStart - 1, context());
      const owners = ref ? [ref] : FALLBACK;
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const seen = new Set<string>();
      const suggestions: monaco.languages.CompletionItem[] = [];
      for (const owner of owners) {
        for (const m of scopeOf(PYSPARK_API, owner)?.members ?? []) {
          if (seen.has(m.name)) continue;
          seen.add(m.name);
          suggestions.push({
            label: { label: m.name, detail: m.signature, description: owner.kind === 'module' ? scopeLabel(owner) : owner.name },
            kind: KIND[m.kind],
            insertText: m.name,
            detail: headline(owner, m),
            documentation: docs(owner, m.doc),
            range,
          });
        }
      }
      return { suggestions };
    },
  });

  const hover = monaco.languages.registerHoverProvider('python', {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const source = model.getValue();
      const start = model.getOffsetAt({ lineNumber: position.lineNumber, column: word.startColumn });
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      if (source[start - 1] !== '.') {
        const ref = receiverAt(PYSPARK_API, source, start + word.word.length, context());
        if (!ref) return null;
        return { range, contents: [{ value: `**${scopeLabel(ref)}**` }, { value: scopeOf(PYSPARK_API, ref)?.doc ?? '' }] };
      }
      const ref = receiverAt(PYSPARK_API, source, start - 1, context());
      const owners = ref ? [ref] : [{ kind: 'module', name: 'functions' } as ScopeRef, ...FALLBACK];
      for (const owner of owners) {
        const m = findMember(PYSPARK_API, owner, word.word);
        if (m) return { range, contents: [{ value: `\`\`\`python\n${headline(owner, m)}\n\`\`\`` }, docs(owner, m.doc)] };
      }
      return null;
    },
  });
  const signatureHelp = monaco.languages.registerSignatureHelpProvider('python', {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [')'],
    provideSignatureHelp(model, position) {
      const signatures = signaturesAt(PYSPARK_API, model.getValue(), model.getOffsetAt(position), context());
      if (signatures.length === 0) return null;
      return {
        value: {
          signatures: signatures.map((s) => ({
            label: s.label,
            documentation: docs(s.owner, s.doc),
            parameters: s.parameters.map((p) => ({ label: p.label })),
            activeParameter: s.activeParameter,
          })),
          activeSignature: 0,
          activeParameter: signatures[0]!.activeParameter,
        },
        dispose: () => undefined,
      };
    },
  });
  return {
    dispose: () => {
      completion.dispose();
      hover.dispose();
      signatureHelp.dispose();
    },
  };
}
