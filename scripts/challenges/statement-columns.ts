// Whether a challenge's statement names every input and every column the candidate works with:
// each input's name and each input and output column must appear as a whole identifier in
// inline code (`name`, `solve(spark, orders)`) or in a table row.
import type { ChallengeSpec } from '../../core/challenge.js';

/** The text of every inline code span and every table row of a Markdown document. */
function namingText(statement: string): string {
  const spans = [...statement.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const tableRows = statement.split('\n').filter((line) => line.trimStart().startsWith('|'));
  return [...spans, ...tableRows].join('\n');
}

/** What the statement does not name, in words ("output column revenue"); empty when it names everything. */
export function unnamedColumns(spec: ChallengeSpec, statement: string): string[] {
  const text = namingText(statement);
  const named = (name: string): boolean => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(text);
  const missing: string[] = [];
  for (const input of spec.inputs) {
    if (!named(input.name)) missing.push(`input ${input.name}`);
    if (input.kind !== 'file') {
      for (const column of input.columns) if (!named(column.name)) missing.push(`input ${input.name} column ${column.name}`);
    }
  }
  for (const column of spec.output.columns) if (!named(column.name)) missing.push(`output column ${column.name}`);
  return missing;
}
