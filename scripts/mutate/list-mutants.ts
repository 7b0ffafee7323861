// Runs scripts/mutate/mutate.py on one Python file and returns its mutants, schema-checked: the
// one way TypeScript (challenges:mutate, the operator tests) asks for mutants.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../../core/repo-root.js';

export const MUTATE_SCRIPT = path.join(REPO_ROOT, 'scripts', 'mutate', 'mutate.py');

export const MutantSchema = z.object({
  /** Stable name: `<operator>@L<line>:<column>` (e.g. `cmp-gt-to-ge@L12:8`), `#2` appended on a repeat. */
  id: z.string().min(1),
  /** The mutation operator, kebab-case (`cmp-gt-to-ge`, `filter-removed`, `join-left-to-inner`). */
  operator: z.string().min(1),
  /** One line: `line 12: \`a > 3\` -> \`a >= 3\``, or `line 14: \`.where(...)\` removed`. */
  description: z.string().min(1),
  /** 1-based line of the change in the original file. */
  line: z.number().int().positive(),
  /** 1-based column (in characters) of the change. */
  column: z.number().int().positive(),
  /** The whole mutated file. */
  source: z.string(),
});
export type Mutant = z.infer<typeof MutantSchema>;

/** Most bytes of mutants a file may print (each mutant is the whole file): far above tens of mutants of a reference. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** The mutants of one file, in source order; throws with mutate.py's message when it fails (a syntax error, an operator bug). */
export function listMutants(file: string): Mutant[] {
  let stdout: string;
  try {
    stdout = execFileSync('python3', [MUTATE_SCRIPT, file], {
      encoding: 'utf8',
      maxBuffer: MAX_OUTPUT_BYTES,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`mutate.py failed on ${file}${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
  return z.array(MutantSchema).parse(JSON.parse(stdout));
}
