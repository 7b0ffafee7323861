import { describe, expect, it } from 'vitest';
import { ChallengeSpecSchema } from './challenge.js';
import { gradeRun, type GradedCase } from './grade-run.js';
import type { CaseReport, SandboxRun } from './sandbox-run.js';

const spec = ChallengeSpecSchema.parse({
  id: 'group-sum',
  title: 'Group sum',
  difficulty: 'easy',
  summary: 's',
  inputs: [
    {
      name: 'numbers',
      kind: 'dataframe',
      columns: [
        { name: 'grp', type: 'string' },
        { name: 'n', type: 'long' },
      ],
    },
  ],
  output: {
    columns: [
      { name: 'grp', type: 'string' },
      { name: 'total', type: 'long' },
    ],
    key: ['grp'],
  },
  limits: { caseTimeLimitMs: 10_000 },
  timing: { budgetRatio: 3 },
});

const expected = {
  columns: [
    { name: 'grp', type: 'string', nullable: true },
    { name: 'total', type: 'long', nullable: true },
  ],
  rows: [['a', 3]],
};
const right = {
  columns: [
    { name: 'grp', type: 'string', nullable: true },
    { name: 'total', type: 'bigint', nullable: true },
  ],
  rows: [['a', 3]],
};
const wrong = { ...right, rows: [['a', 4]] };

const cases: GradedCase[] = [
  { name: 'small', hidden: false, description: 'd', timed: false, expected, referenceTimeMs: 100 },
  { name: 'scale', hidden: true, description: 'd', timed: true, expected, referenceTimeMs: 1000 },
];

function report(name: string, overrides: Partial<CaseReport> = {}): CaseReport {
  return {
    name,
    status: 'ok',
    timeMs: 500,
    reportedTimeMs: 400,
    output: right,
    rowCount: 1,
    stdout: '',
    stdoutDroppedBytes: 0,
    ...overrides,
  };
}

function run(overrides: Partial<SandboxRun> = {}): SandboxRun {
  return {
    image: 'img',
    moduleStatus: 'ok',
    moduleStdout: '',
    caseReports: [report('small'), report('scale', { timeMs: 2000 })],
    skippedCases: [],
    stopReason: 'completed',
    oomKilled: false,
    exitCode: 0,
    startupMs: 1,
    sparkStartupMs: 1,
    computeMs: 3000,
    peakMemoryBytes: null,
    stderr: '',
    ...overrides,
  };
}

const grade = (r: SandboxRun) => gradeRun({ challengeId: 'group-sum', spec, scope: 'all', cases, run: r });
const verdicts = (r: SandboxRun) => grade(r).cases.map((c) => c.verdict);

describe('gradeRun', () => {
  it('accepts right answers within the timing budget and reports both times', () => {
    const result = grade(run());
    expect(result.verdict).toBe('accepted');
    expect(result.timing).toMatchObject({ candidateMs: 2000, referenceMs: 1000, ratio: 2, budgetRatio: 3, withinBudget: true });
  });

  it('gives too_slow to a right answer over the budget, with both times and the ratio', () => {
    const result = grade(run({ caseReports: [report('small'), report('scale', { timeMs: 4000 })], computeMs: 5000 }));
    expect(verdicts(run({ caseReports: [report('small'), report('scale', { timeMs: 4000 })], computeMs: 5000 }))).toEqual([
      'accepted',
      'too_slow',
    ]);
    expect(result.verdict).toBe('too_slow');
    expect(result.cases[1]!.message).toMatch(/4\.00 s vs the reference's 1\.00 s \(4x; budget 3x\)/);
  });

  it("decides timing on the worker's clock, never the time the sandbox reports (it can lie)", () => {
    const lying = run({ caseReports: [report('small', { reportedTimeMs: 1 }), report('scale', { timeMs: 4000, reportedTimeMs: 1 })] });
    expect(grade(lying).cases[1]!.verdict).toBe('too_slow');
    expect(grade(lying).cases[1]).toMatchObject({ timeMs: 4000, reportedTimeMs: 1 });
  });

  it('says where the reference time comes from', () => {
    expect(
      gradeRun({ challengeId: 'group-sum', spec, scope: 'all', cases, run: run(), timingReference: 'retimed' }).timing?.reference,
    ).toBe('retimed');
    expect(grade(run()).timing?.reference).toBe('calibration');
  });

  it('gives wrong_answer with the diff when the output differs', () => {
    const result = grade(run({ caseReports: [report('small', { output: wrong }), report('scale')] }));
    expect(result.cases[0]!.verdict).toBe('wrong_answer');
    expect(result.cases[0]!.diff?.changed).toHaveLength(1);
    expect(result.timing).toMatchObject({ withinBudget: true });
  });

  it.each([
    ['invalid_submission', 'invalid_submission'],
    ['runtime_error', 'runtime_error'],
  ] as const)('gives every case %s when the module fails to import', (moduleStatus, verdict) => {
    const r = run({
      moduleStatus,
      caseReports: [],
      moduleError: { type: 'SyntaxError', message: 'bad', traceback: '', line: 3 },
      stopReason: 'completed',
    });
    expect(verdicts(r)).toEqual([verdict, verdict]);
    expect(grade(r).cases[0]!.message).toMatch(/line 3/);
  });

  it('gives the interrupted case the time limit verdict and marks later cases not run', () => {
    const r = run({ caseReports: [], interruptedCase: 'small', stopReason: 'time_limit', stopDetail: 'case small took longer' });
    const result = grade(r);
    expect(result.cases.map((c) => c.verdict)).toEqual(['time_limit_exceeded', 'time_limit_exceeded']);
    expect(result.cases[1]!.message).toMatch(/not run/);
    expect(result.timing).toBeNull();
  });

  it('gives memory_limit_exceeded when the OOM killer ended the run', () => {
    expect(verdicts(run({ caseReports: [report('small')], interruptedCase: 'scale', stopReason: 'exited', oomKilled: true }))).toEqual([
      'accepted',
      'memory_limit_exceeded',
    ]);
  });

  it('counts a case that failed while the OOM killer fired as memory_limit_exceeded', () => {
    expect(
      verdicts(
        run({ caseReports: [report('small', { status: 'runtime_error', output: undefined }), report('scale')], oomKilled: true }),
      )[0],
    ).toBe('memory_limit_exceeded');
  });

  it("counts Spark's JVM running out of memory as memory_limit_exceeded, naming the limit and keeping the error (not out of threads)", () => {
    const error = {
      type: 'Py4JJavaError',
      message: 'An error occurred while calling o210.collectToPython.\n: java.lang.OutOfMemoryError: Java heap space',
      traceback: '',
      line: 4,
    };
    const result = grade(run({ caseReports: [report('small', { status: 'runtime_error', output: undefined, error }), report('scale')] }));
    expect(result.cases[0]).toMatchObject({ verdict: 'memory_limit_exceeded', error });
    expect(result.cases[0]!.message).toMatch(
      /^Spark ran out of memory \(java\.lang\.OutOfMemoryError: Java heap space\): the job needs more than the sandbox's memory limit of [\d.]+ GiB gives Spark; your code raised: Py4JJavaError: .* \(solution\.py, line 4\)$/s,
    );
    const threads = {
      ...error,
      message: 'java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached',
    };
    expect(
      verdicts(run({ caseReports: [report('small', { status: 'runtime_error', output: undefined, error: threads }), report('scale')] }))[0],
    ).toBe('runtime_error');
    const other = { ...error, message: 'java.lang.IllegalStateException: closed' };
    expect(
      verdicts(run({ caseReports: [report('small', { status: 'runtime_error', output: undefined, error: other }), report('scale')] }))[0],
    ).toBe('runtime_error');
  });

  it('gives output_limit_exceeded when the report stream was flooded', () => {
    expect(verdicts(run({ caseReports: [], interruptedCase: 'small', stopReason: 'output_limit' }))[0]).toBe('output_limit_exceeded');
  });

  it('gives runtime_error when the process exited on its own mid-case', () => {
    const result = grade(
      run({
        caseReports: [],
        interruptedCase: 'small',
        stopReason: 'exited',
        stopDetail: 'the sandbox process exited with code 4 before finishing',
        exitCode: 4,
      }),
    );
    expect(result.cases[0]!.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(/code 4/);
  });

  it('fails a case whose shuffled re-run never reported, instead of passing it', () => {
    const withVariant: GradedCase[] = [{ ...cases[0]!, variant: { name: 'small--shuffled', partitions: 3 } }];
    const stopped = run({
      caseReports: [report('small')],
      interruptedCase: 'small--shuffled',
      stopReason: 'time_limit',
      stopDetail: 'took longer than the time limit of 20.0 s and was stopped',
    });
    const result = gradeRun({ challengeId: 'group-sum', spec, scope: 'all', cases: withVariant, run: stopped });
    expect(result.cases[0]!.verdict).toBe('time_limit_exceeded');
    expect(result.cases[0]!.message).toMatch(/re-run with the same input rows shuffled .* did not finish/);
  });

  it('keeps the verdict of a case whose re-run was skipped', () => {
    const withVariant: GradedCase[] = [{ ...cases[0]!, variant: { name: 'small--shuffled', partitions: 3 } }];
    const result = gradeRun({
      challengeId: 'group-sum',
      spec,
      scope: 'all',
      cases: withVariant,
      run: run({ caseReports: [report('small')], skippedCases: ['small--shuffled'] }),
    });
    expect(result.cases[0]!.verdict).toBe('accepted');
  });

  it('gives a time limit on import to every case', () => {
    expect(verdicts(run({ moduleStatus: 'not_reached', caseReports: [], stopReason: 'time_limit' }))).toEqual([
      'time_limit_exceeded',
      'time_limit_exceeded',
    ]);
  });
});
