// What Ruff is asked to check in the candidate's code, and its diagnostics turned into marker
// data (1-based lines and UTF-16 columns, as Monaco counts them). Pure: no Monaco, no wasm, so it
// is tested in Node with the real Ruff output.
import type { Diagnostic } from '@astral-sh/ruff-wasm-web';

export type LintSeverity = 'error' | 'warning';

export interface LintMarker {
  severity: LintSeverity;
  /** Ruff's rule code (`F821`); null for a syntax error, which has none. */
  code: string | null;
  message: string;
  /** 1-based line and UTF-16 columns; the end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `unnecessary` (unused code, shown faded) or `deprecated`, as Ruff tags it. */
  tags: ('unnecessary' | 'deprecated')[];
}

/**
 * Ruff's settings (its own option names): the pyflakes rules, on the sandbox's Python. Syntax
 * errors are always reported. Ruff runs its rules only on code that parses, so while the code has
 * a syntax error only that error is marked.
 */
export const RUFF_SETTINGS = {
  'target-version': 'py311', // the sandbox image's Python (as ruff.toml says)
  lint: {
    select: ['F'],
    // F405 ("may be undefined, or defined from star imports") would mark every name after
    // `from pyspark.sql.functions import *`; F403 on the import itself already says names go unchecked.
    ignore: ['F405'],
    pyflakes: {
      // A starter imports what a solution usually needs (`functions as F`, types) before the
      // candidate uses it; an unused PySpark import costs nothing, any other unused import is marked.
      'allowed-unused-imports': ['pyspark'],
    },
  },
};

/**
 * Marked as errors: what Python refuses to compile or fails on when the line runs. The other
 * pyflakes rules (unused imports and variables, redefinitions, f-strings without placeholders,
 * `is` against a literal...) are warnings.
 */
const ERROR_CODES = new Set([
  'F821', // undefined name
  'F822', // undefined name in __all__
  'F823', // local variable referenced before assignment
  'F621', // too many expressions in a starred assignment
  'F622', // two starred expressions in an assignment
  'F701', // break outside a loop
  'F702', // continue outside a loop
  'F704', // yield outside a function
  'F706', // return outside a function
  'F707', // a bare except: that is not the last handler
  'F722', // syntax error in a forward annotation
]);

/** Imports that define the usual names of PySpark code, offered when one of them is undefined. */
const IMPORT_HINTS: Record<string, string> = {
  F: 'from pyspark.sql import functions as F',
  T: 'from pyspark.sql import types as T',
  Window: 'from pyspark.sql import Window',
  DataFrame: 'from pyspark.sql import DataFrame',
  SparkSession: 'from pyspark.sql import SparkSession',
  Row: 'from pyspark.sql import Row',
};

/** Ruff's code for a parse error (older builds leave the code empty). */
function isSyntaxError(d: Diagnostic): boolean {
  return d.code === null || d.code === 'invalid-syntax' || d.code === 'E999';
}

function messageOf(d: Diagnostic): string {
  if (isSyntaxError(d)) return `SyntaxError: ${d.message}`;
  const undefinedName = d.code === 'F821' ? /^Undefined name `(\w+)`/.exec(d.message)?.[1] : undefined;
  const hint = undefinedName ? IMPORT_HINTS[undefinedName] : undefined;
  return hint ? `${d.message}: add \`${hint}\`` : d.message;
}

/** Ruff's diagnostics as marker data, in line order. */
export function lintMarkers(diagnostics: readonly Diagnostic[]): LintMarker[] {
  return diagnostics
    .map((d): LintMarker => ({
      severity: isSyntaxError(d) || ERROR_CODES.has(d.code ?? '') ? 'error' : 'warning',
      code: isSyntaxError(d) ? null : d.code,
      message: messageOf(d),
      line: d.start_location.row,
      column: d.start_location.column,
      endLine: d.end_location.row,
      endColumn: d.end_location.column,
      tags: [...d.tags],
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
