// A Spark error as a candidate can act on it: the message's first line (Spark's error class and
// sentence, with its "Did you mean ..." suggestion), the logical plan Spark appends kept apart
// (shown behind a disclosure), and, for a name Spark could not resolve, the line of the
// candidate's own code that wrote the name; otherwise the line the error was raised at (where
// Spark analysed the plan: usually an action).
import type { CandidateError } from '../../../core/run-report.js';

export interface SparkErrorReading {
  /** The message up to the plan: what went wrong, in Spark's words. */
  headline: string;
  /** Spark's suggestion, e.g. "Did you mean one of the following? [`ts`, `user_id`]". */
  suggestion: string | null;
  /** The plan Spark printed after the message; null when there is none. */
  plan: string | null;
  /** The line to go to, and how it was found: the line that wrote the unresolved name, or the line the error was raised at. */
  line: { line: number; found: 'name' | 'raised' } | null;
  /** The name Spark could not resolve, when it says so. */
  unresolved: string | null;
}

const HEADLINE_CHARS = 600;
const UNRESOLVED = /`([^`]{1,200})`\s+cannot be resolved/;
const SUGGESTION = /Did you mean one of the following\?\s*\[[^\]]*\]/;

export function readSparkError(error: Pick<CandidateError, 'type' | 'message' | 'line'>, code: string): SparkErrorReading {
  const message = error.message.trim();
  // Spark ends the sentence with ";" and starts the plan on the next line; other errors have no plan.
  const planAt = message.search(/;\s*\n/);
  const newline = message.indexOf('\n');
  const cut = planAt >= 0 ? planAt + 1 : newline >= 0 ? newline : message.length;
  const headline = message.slice(0, Math.min(cut, HEADLINE_CHARS)).trim();
  const rest = message.slice(cut).trim();
  const unresolved = UNRESOLVED.exec(headline)?.[1] ?? null;
  const named = unresolved === null ? null : lineWriting(code, unresolved.split('.').at(-1)!);
  return {
    headline,
    suggestion: SUGGESTION.exec(headline)?.[0] ?? null,
    plan: rest === '' ? null : rest,
    line: named !== null ? { line: named, found: 'name' } : error.line ? { line: error.line, found: 'raised' } : null,
    unresolved,
  };
}

/** The first line of `code` (1-based) that writes `name` as a string literal, outside comments; null when none does. */
function lineWriting(code: string, name: string): number | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const literal = new RegExp(`(['"])${escaped}\\1|(['"])[^'"\\n]*\\b${escaped}\\b[^'"\\n]*\\2`);
  const lines = code.split('\n');
  for (const [i, text] of lines.entries()) {
    const uncommented = text.replace(/#.*$/, '');
    if (literal.test(uncommented)) return i + 1;
  }
  return null;
}
