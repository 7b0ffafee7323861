import { describe, expect, it } from 'vitest';
import type { CaseResult, GradeResult } from '../core/grade-result.js';
import { candidateCaseNames, candidateCaseView, progressView, realCaseNames, submissionSummary, submissionView } from './visibility.js';
import type { SubmissionRecord } from '../core/submission.js';
import { CandidateSubmissionViewSchema, InterviewerSubmissionViewSchema, SubmissionSummarySchema } from '../core/views/submission-view.js';

const diff = {
  columnProblems: [],
  missing: [{ grp: '"secret-row"' }],
  unexpected: [],
  changed: [],
  counts: { expectedRows: 1, actualRows: 0, missing: 1, unexpected: 0, changed: 0 },
};
const caseResult = (hidden: boolean): CaseResult => ({
  name: hidden ? 'nulls' : 'basic',
  hidden,
  description: hidden ? 'hidden rule' : 'public rule',
  verdict: 'wrong_answer',
  message: 'expected row grp="secret-row" is missing',
  timeMs: 120,
  timed: false,
  referenceTimeMs: 100,
  diff,
  error: { type: 'ValueError', message: 'secret-row', traceback: 'tb' },
  stdout: 'printed secret-row',
  planText: '== Physical Plan ==',
  planInsights: { shuffles: 1, joins: [], udfs: [] } as unknown as CaseResult['planInsights'],
});
const result: GradeResult = {
  challengeId: 'group-sum',
  scope: 'all',
  verdict: 'wrong_answer',
  cases: [caseResult(false), caseResult(true)],
  timing: null,
  skippedCases: [],
  sandbox: { image: 'img', startupMs: 1, sparkStartupMs: 1, computeMs: 1, peakMemoryBytes: null, stderr: 'spark log' },
};
const record: SubmissionRecord = {
  id: 's1',
  interviewId: 'i1',
  challengeId: 'group-sum',
  kind: 'submit',
  code: 'def solve(): ...',
  status: 'graded',
  cancelRequested: false,
  createdAtMs: 1,
  startedAtMs: 2,
  finishedAtMs: 3,
  attempts: 1,
  casesDone: 2,
  casesTotal: 2,
  verdict: 'wrong_answer',
  result,
  error: null,
  origin: 'candidate',
  customInput: null,
};

/** The group-sum fixture's cases, with hidden names neutral (the default) or shown. */
const groupSum = (showHiddenCaseNames: boolean) =>
  candidateCaseNames({
    spec: { showHiddenCaseNames },
    cases: [
      { name: 'basic', hidden: false },
      { name: 'nulls', hidden: true },
    ],
  });
const names = groupSum(false);

describe('what a candidate sees of a case', () => {
  it('keeps a public case whole except the plan', () => {
    const view = candidateCaseView(caseResult(false), names);
    expect(view).toMatchObject({
      name: 'basic',
      verdict: 'wrong_answer',
      passed: false,
      diff,
      stdout: 'printed secret-row',
      message: expect.any(String),
    });
    expect(view).not.toHaveProperty('planText');
    expect(view).not.toHaveProperty('planInsights');
  });

  it('cuts a hidden case to its name and pass/fail', () => {
    expect(candidateCaseView(caseResult(true), groupSum(true))).toEqual({
      name: 'nulls',
      hidden: true,
      verdict: 'wrong_answer',
      passed: false,
    });
  });
});

describe('submission views', () => {
  it('never leak hidden details, the sandbox log or the plan to the candidate', () => {
    const text = JSON.stringify(submissionView(record, 'candidate', names));
    expect(text.match(/secret-row/g)).toHaveLength(4); // the public case's diff, message, error and stdout only
    expect(text).not.toContain('hidden rule');
    expect(text).not.toContain('spark log');
    expect(text).not.toContain('Physical Plan');
    expect(text).not.toContain('attempts');
  });

  it('give the interviewer everything', () => {
    const view = submissionView(record, 'interviewer');
    expect(view.result).toEqual(result);
    expect(view.code).toBe(record.code);
  });

  it('tell the candidate a system error is not their fault, without the fault itself', () => {
    const failed = {
      ...record,
      status: 'system_error' as const,
      verdict: null,
      result: null,
      error: 'docker socket /var/run/docker.sock refused',
    };
    expect(JSON.stringify(submissionView(failed, 'candidate', names))).not.toContain('docker');
    expect(submissionView(failed, 'candidate', names).error).toMatch(/not your code/);
    expect(submissionView(failed, 'interviewer').error).toContain('docker');
  });

  it('are exactly the view schemas the web app reads (nothing more, nothing missing)', () => {
    const planInsights = { shuffles: 1, broadcasts: 0, pythonUdfNodes: 0, cartesianProducts: 0, broadcastNestedLoopJoins: 0, joins: {} };
    const graded = { ...record, result: { ...result, cases: result.cases.map((c) => ({ ...c, planInsights })) } };
    for (const view of [submissionView(graded, 'candidate', names), submissionView({ ...record, result: null }, 'candidate', names)]) {
      expect(CandidateSubmissionViewSchema.parse(view)).toEqual(view);
    }
    expect(InterviewerSubmissionViewSchema.parse(submissionView(graded, 'interviewer'))).toEqual(submissionView(graded, 'interviewer'));
    expect(SubmissionSummarySchema.strict().parse(submissionSummary(record))).toEqual(submissionSummary(record));
  });

  it('list entries carry no code and no result', () => {
    const summary = submissionSummary(record);
    expect(summary).not.toHaveProperty('code');
    expect(summary).not.toHaveProperty('result');
  });
});

describe('hidden case names', () => {
  const challenge = {
    cases: [
      { name: 'basic', hidden: false },
      { name: 'nulls', hidden: true },
      { name: 'late-events', hidden: false },
      { name: 'skewed-key', hidden: true },
      { name: 'scale', hidden: true },
    ],
  };
  const neutral = candidateCaseNames({ spec: { showHiddenCaseNames: false }, ...challenge });
  const shown = candidateCaseNames({ spec: { showHiddenCaseNames: true }, ...challenge });

  it.each([
    { what: 'a public case keeps its name', name: 'basic', hidden: false, candidate: 'basic', optedIn: 'basic' },
    { what: 'the first hidden case is hidden 1', name: 'nulls', hidden: true, candidate: 'hidden 1', optedIn: 'nulls' },
    { what: 'a public case after it keeps its name', name: 'late-events', hidden: false, candidate: 'late-events', optedIn: 'late-events' },
    {
      what: 'hidden cases are numbered among hidden cases only',
      name: 'skewed-key',
      hidden: true,
      candidate: 'hidden 2',
      optedIn: 'skewed-key',
    },
    { what: 'the last hidden case', name: 'scale', hidden: true, candidate: 'hidden 3', optedIn: 'scale' },
    {
      what: 'the challenge decides what is hidden, not the flag it came with',
      name: 'nulls',
      hidden: false,
      candidate: 'hidden 1',
      optedIn: 'nulls',
    },
    {
      what: 'a hidden case the challenge does not list has no name',
      name: 'nulls--shuffled',
      hidden: true,
      candidate: 'hidden case',
      optedIn: 'nulls--shuffled',
    },
    {
      what: 'a public case the challenge does not list keeps its name',
      name: 'renamed',
      hidden: false,
      candidate: 'renamed',
      optedIn: 'renamed',
    },
  ])('$what', ({ name, hidden, candidate, optedIn }) => {
    expect(neutral(name, hidden)).toBe(candidate);
    expect(shown(name, hidden)).toBe(optedIn);
  });

  it.each([
    { role: 'candidate' as const, caseName: 'hidden 2' },
    { role: 'interviewer' as const, caseName: 'skewed-key' },
  ])('name a finished hidden case in a progress event for the $role as $caseName', ({ role, caseName }) => {
    const event = {
      type: 'progress' as const,
      submissionId: 's1',
      challengeId: 'skewed',
      caseName: 'skewed-key',
      hidden: true,
      casesDone: 4,
      casesTotal: 5,
    };
    expect(progressView(event, role, (challengeId) => (challengeId === 'skewed' ? neutral : realCaseNames))).toEqual({
      ...event,
      caseName,
    });
  });

  it("name hidden cases neutrally in the candidate's result and by their names in the interviewer's", () => {
    expect(submissionView(record, 'candidate', names).result?.cases.map((c) => c.name)).toEqual(['basic', 'hidden 1']);
    expect(submissionView(record, 'candidate', groupSum(true)).result?.cases.map((c) => c.name)).toEqual(['basic', 'nulls']);
    expect(submissionView(record, 'interviewer').result?.cases.map((c) => c.name)).toEqual(['basic', 'nulls']);
  });
});
