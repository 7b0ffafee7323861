// Reads a challenge folder into a validated `Challenge`: challenge.yaml and each case.yaml are
// checked with the zod schemas, and every error names the file and line it comes from.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import {
  CaseSpecSchema,
  ChallengeSpecSchema,
  WrongSolutionHeaderSchema,
  CorrectSolutionHeaderSchema,
  type CorrectSolutionHeader,
  type CaseSpec,
  type ChallengeSpec,
  type WrongSolutionHeader,
} from './challenge.js';
import { JsonValueSchema, type Table } from './table.js';

export interface ChallengeCase {
  name: string;
  hidden: boolean;
  spec: CaseSpec;
  /** Case folder (absolute). */
  dir: string;
  /** Input name -> absolute path of its file; empty for generated cases. */
  inputFiles: Record<string, string>;
  /** Absolute path of expected.jsonl; null when the reference computes the expected output. */
  expectedFile: string | null;
}

export interface WrongSolution {
  /** File name without `.py`. */
  name: string;
  file: string;
  header: WrongSolutionHeader;
}

/** A correct solution written unlike the reference (`correct/*.py`): the check requires its declared verdict. */
export interface CorrectSolution {
  /** File name without `.py`. */
  name: string;
  file: string;
  header: CorrectSolutionHeader;
}

export interface Challenge {
  id: string;
  dir: string;
  spec: ChallengeSpec;
  statement: string;
  starter: string;
  reference: string;
  cases: ChallengeCase[];
  wrong: WrongSolution[];
  correct: CorrectSolution[];
  /** sha256 over every file of the challenge folder: any change invalidates cached expectations and timings. */
  contentHash: string;
}

export class ChallengeError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    options?: ErrorOptions,
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${message}`, options);
  }
}

/** Parses YAML and validates it, reporting `file:line: path: message` for the first problems. */
export async function readYamlFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  const text = await readFile(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new ChallengeError(first.message.split('\n')[0]!, file, lineCounter.linePos(first.pos[0]).line);
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => ({
    line: lineOf(doc, lineCounter, issue.path as (string | number)[]),
    text: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
  }));
  const [first, ...rest] = issues;
  const more = rest.map((i) => `\n${i.line === undefined ? file : `${file}:${i.line}`}: ${i.text}`).join('');
  throw new ChallengeError(`${first!.text}${more}`, file, first!.line);
}

/** Line of the deepest node along `keyPath` that exists (the parent, for a missing key). */
function lineOf(doc: Document, lineCounter: LineCounter, keyPath: (string | number)[]): number | undefined {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function listDirs(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const CASE_NAME = /^[a-z0-9][a-z0-9-]*$/;

async function loadCase(challengeDir: string, spec: ChallengeSpec, hidden: boolean, name: string): Promise<ChallengeCase> {
  const dir = path.join(challengeDir, 'cases', hidden ? 'hidden' : 'public', name);
  const caseFile = path.join(dir, 'case.yaml');
  if (!CASE_NAME.test(name)) throw new ChallengeError(`case folder name must be kebab-case`, dir);
  if (!(await exists(caseFile))) throw new ChallengeError('missing case.yaml', dir);
  const caseSpec = await readYamlFile(caseFile, CaseSpecSchema);
  const inputFiles: Record<string, string> = {};
  if (caseSpec.generator) {
    if (!(await exists(path.join(challengeDir, caseSpec.generator.script)))) {
      throw new ChallengeError(`generator script ${caseSpec.generator.script} does not exist`, caseFile);
    }
    return { name, hidden, spec: caseSpec, dir, inputFiles, expectedFile: null };
  }
  for (const input of spec.inputs) {
    const file = path.join(dir, `${input.name}.${input.kind === 'file' ? input.extension : 'jsonl'}`);
    if (!(await exists(file))) throw new ChallengeError(`missing input file ${path.basename(file)}`, dir);
    inputFiles[input.name] = file;
  }
  const expectedFile = path.join(dir, 'expected.jsonl');
  if (!(await exists(expectedFile))) throw new ChallengeError('missing expected.jsonl (only generated cases may omit it)', dir);
  return { name, hidden, spec: caseSpec, dir, inputFiles, expectedFile };
}

/** The `# <name>: <value>` lines of the given names among a solution's first 10, validated by `schema` (errors name the file). */
function parseSolutionHeader<T>(file: string, source: string, names: string[], schema: z.ZodType<T>): T {
  const fields: Record<string, string> = {};
  for (const line of source.split('\n').slice(0, 10)) {
    const m = /^#\s*(\w+):\s*(.+?)\s*$/.exec(line);
    if (m && names.includes(m[1]!)) fields[m[1]!] = m[2]!;
  }
  const result = schema.safeParse(fields);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ChallengeError(`header "# ${issue.path.join('.')}: ...": ${issue.message}`, file, 1);
  }
  return result.data;
}

/** Reads `# expect: <verdict>` and `# breaks: <rule>` from the top comment lines of a wrong solution. */
export function parseWrongSolutionHeader(file: string, source: string): WrongSolutionHeader {
  return parseSolutionHeader(file, source, ['expect', 'breaks'], WrongSolutionHeaderSchema);
}

/** Reads `# style:`, `# expect:` and `# measured:` from the top comment lines of a correct solution. */
export function parseCorrectSolutionHeader(file: string, source: string): CorrectSolutionHeader {
  return parseSolutionHeader(file, source, ['style', 'expect', 'measured'], CorrectSolutionHeaderSchema);
}

/** The `*.py` files of `dir` (none when it is absent), each with its header, in name order. */
async function loadSolutions<H>(
  dir: string,
  parse: (file: string, source: string) => H,
): Promise<{ name: string; file: string; header: H }[]> {
  if (!(await exists(dir))) return [];
  const solutions = [];
  for (const entry of (await readdir(dir)).filter((f) => f.endsWith('.py')).sort()) {
    const file = path.join(dir, entry);
    solutions.push({ name: entry.slice(0, -3), file, header: parse(file, await readFile(file, 'utf8')) });
  }
  return solutions;
}

async function hashDir(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = path.posix.join(rel, entry.name);
      // The mutant report (scripts/challenges/mutant-report.ts) describes the cases; it changes no grade.
      if (entry.name === '__pycache__' || child === 'mutants.json') continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile())
        hash
          .update(child)
          .update('\0')
          .update(await readFile(path.join(dir, child)))
          .update('\0');
    }
  };
  await walk('');
  return hash.digest('hex');
}

/** Loads and validates one challenge folder. */
export async function loadChallenge(dir: string): Promise<Challenge> {
  const specFile = path.join(dir, 'challenge.yaml');
  if (!(await exists(specFile))) throw new ChallengeError('missing challenge.yaml', dir);
  const spec = await readYamlFile(specFile, ChallengeSpecSchema);
  if (spec.id !== path.basename(dir))
    throw new ChallengeError(`id ${spec.id} must equal the folder name ${path.basename(dir)}`, specFile, 1);
  const read = async (name: string): Promise<string> => {
    const file = path.join(dir, name);
    if (!(await exists(file))) throw new ChallengeError(`missing ${name}`, dir);
    return readFile(file, 'utf8');
  };
  const [statement, starter, reference] = await Promise.all([read('statement.md'), read('starter.py'), read('reference.py')]);
  const cases: ChallengeCase[] = [];
  for (const hidden of [false, true]) {
    for (const name of await listDirs(path.join(dir, 'cases', hidden ? 'hidden' : 'public'))) {
      if (cases.some((c) => c.name === name)) throw new ChallengeError(`case name ${name} is used twice`, dir);
      cases.push(await loadCase(dir, spec, hidden, name));
    }
  }
  if (!cases.some((c) => !c.hidden)) throw new ChallengeError('needs at least one public case', dir);
  const wrong: WrongSolution[] = await loadSolutions(path.join(dir, 'wrong'), parseWrongSolutionHeader);
  const correct: CorrectSolution[] = await loadSolutions(path.join(dir, 'correct'), parseCorrectSolutionHeader);
  return { id: spec.id, dir, spec, statement, starter, reference, cases, wrong, correct, contentHash: await hashDir(dir) };
}

/** Reads a JSONL file of row objects into a table with the given columns (in that order). */
export async function readJsonlTable(file: string, columns: Table['columns']): Promise<Table> {
  const text = await readFile(file, 'utf8');
  const names = new Set(columns.map((c) => c.name));
  const rows = text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new ChallengeError('not valid JSON', file, index + 1, { cause: error });
    }
    const object = JsonValueSchema.safeParse(parsed);
    if (!object.success || object.data === null || typeof object.data !== 'object' || Array.isArray(object.data)) {
      throw new ChallengeError('each line must be a JSON object', file, index + 1);
    }
    const row = object.data;
    for (const key of Object.keys(row)) if (!names.has(key)) throw new ChallengeError(`unknown column ${key}`, file, index + 1);
    return [
      columns.map((c) => {
        if (!(c.name in row)) throw new ChallengeError(`missing column ${c.name}`, file, index + 1);
        return row[c.name]!;
      }),
    ];
  });
  return { columns, rows };
}
