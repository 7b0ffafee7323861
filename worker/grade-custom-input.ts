// A Run on the candidate's own rows, as a story: write the rows as one public case -> the
// reference runs on it in a sandbox of its own (never the candidate's) -> its output becomes the
// case's expected rows -> the candidate's solution is graded on that case in another sandbox ->
// the result carries the reference's output to show as "expected". Rows the reference cannot
// process break the statement's input rules: the candidate is told so and their code is not run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaseSpecSchema } from '../core/challenge.js';
import { CUSTOM_CASE_NAME, customCaseFiles, displayTable, type CustomInput } from '../core/custom-input.js';
import type { GradeResult } from '../core/grade-result.js';
import type { Challenge, ChallengeCase } from '../core/load-challenge.js';
import type { Table } from '../core/table.js';
import { GraderFault } from './errors.js';
import { planGrade } from './grade-plan.js';
import { acquireSandbox, GradeCancelledError, gradePrepared, prepareGrade, type GradeRequest, type GraderDeps } from './grade-solution.js';
import { asExpected } from './reference-store.js';
import { runSolution } from './sandbox/run-solution.js';

export interface CustomGradeRequest extends Omit<GradeRequest, 'scope' | 'shouldRun'> {
  customInput: CustomInput;
}

const CUSTOM_CASE_DESCRIPTION = 'Your own rows, compared with the reference solution’s output on them.';

/** The challenge with its cases replaced by the one custom case, whose files are in `dir`. */
function customChallenge(challenge: Challenge, dir: string, files: Map<string, { file: string }>, expectedFile: string | null): Challenge {
  const custom: ChallengeCase = {
    name: CUSTOM_CASE_NAME,
    hidden: false,
    spec: CaseSpecSchema.parse({ description: CUSTOM_CASE_DESCRIPTION }),
    dir,
    inputFiles: Object.fromEntries([...files].map(([name, { file }]) => [name, path.join(dir, file)])),
    expectedFile,
  };
  // Its own hash: nothing calibrated for the challenge's cases applies to these rows.
  return { ...challenge, cases: [custom], contentHash: `${challenge.contentHash}:custom` };
}

/** The reference's output on the custom case, or why it could not produce one; its sandbox is removed either way. */
async function referenceOutput(
  deps: GraderDeps,
  challenge: Challenge,
  request: CustomGradeRequest,
): Promise<{ output: Table; error: null } | { output: null; error: string }> {
  const plan = { ...planGrade(challenge, { scope: 'public', smallCaseLimitMs: deps.config.GRADER_SMALL_CASE_TIME_LIMIT_MS }), prime: null };
  const sandbox = await acquireSandbox(deps, challenge, { priority: request.priority, budgetMs: plan.budgetMs });
  const cancel = (): void => void sandbox.destroy().catch(() => undefined);
  request.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const run = await runSolution(sandbox, {
      challenge,
      plan,
      code: challenge.reference,
      inputs: deps.inputs,
      solutionId: 'reference',
      limits: { maxStdoutBytes: deps.config.GRADER_MAX_STDOUT_BYTES, maxOutputBytes: deps.config.GRADER_MAX_OUTPUT_BYTES },
    });
    if (request.signal?.aborted) throw new GradeCancelledError();
    if (run.moduleStatus !== 'ok') {
      throw new GraderFault(`reference solution of ${challenge.id} did not import: ${run.moduleError?.message ?? run.moduleStatus}`);
    }
    const report = run.caseReports.find((r) => r.name === CUSTOM_CASE_NAME);
    if (report?.status === 'ok' && report.output) return { output: report.output, error: null };
    const why = report?.error ? `${report.error.type}: ${report.error.message}` : (run.stop?.detail ?? report?.status ?? 'no report');
    return { output: null, error: why };
  } catch (error) {
    if (request.signal?.aborted) throw new GradeCancelledError();
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', cancel);
    await sandbox
      .destroy()
      .catch((e: unknown) => console.error(`reference sandbox removal failed (the reaper will retry): ${(e as Error).message}`));
  }
}

/** What a custom Run answers when the reference could not process the rows: no expected output, no candidate run. */
function rowsRefused(challenge: Challenge, referenceError: string): GradeResult {
  return {
    challengeId: challenge.id,
    scope: 'public',
    verdict: 'invalid_submission',
    cases: [
      {
        name: CUSTOM_CASE_NAME,
        hidden: false,
        description: CUSTOM_CASE_DESCRIPTION,
        verdict: 'invalid_submission',
        message:
          'The reference solution could not process these rows, so there is nothing to compare your output with: they break ' +
          'one of the input rules of the statement (a value outside its stated range, a duplicate where the statement ' +
          'promises none, a stream row far behind the others). Your code was not run. Change the rows and run again.',
        timeMs: null,
        timed: false,
        referenceTimeMs: null,
        stdout: '',
      },
    ],
    timing: null,
    skippedCases: [],
    custom: { expected: null, referenceError },
    sandbox: { image: '', startupMs: 0, sparkStartupMs: null, computeMs: 0, peakMemoryBytes: null, stderr: '' },
  };
}

export async function gradeCustomInput(deps: GraderDeps, request: CustomGradeRequest): Promise<GradeResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'grader-custom-'));
  try {
    const files = customCaseFiles(request.challenge.spec, request.customInput);
    for (const { file, content } of files.values()) await writeFile(path.join(dir, file), content);
    const reference = await referenceOutput(deps, customChallenge(request.challenge, dir, files, null), request);
    if (reference.error !== null) return rowsRefused(request.challenge, reference.error);

    const expected = asExpected(request.challenge, reference.output, CUSTOM_CASE_NAME);
    const expectedFile = path.join(dir, 'expected.jsonl');
    const names = expected.columns.map((c) => c.name);
    await writeFile(
      expectedFile,
      expected.rows.map((row) => `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i]])))}\n`).join(''),
    );
    const challenge = customChallenge(request.challenge, dir, files, expectedFile);
    const { spec } = challenge;
    const prepared = await prepareGrade(deps, challenge, 'public');
    const result = await gradePrepared(deps, { ...prepared, plan: { ...prepared.plan, prime: null } }, request);
    return { ...result, custom: { expected: displayTable(expected, spec.output.ordered ? [] : spec.output.key), referenceError: null } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
