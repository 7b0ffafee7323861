import { describe, expect, it } from 'vitest';
import type { CaseResult, GradeResult } from '../core/grade-result.js';
import { candidateCaseView, submissionSummary, submissionView } from './visibility.js';
import type { SubmissionRecord } from '../core/submission.js';
import { CandidateSubmissionViewSchema, InterviewerSubmissionViewSchema, SubmissionSummarySchema } from '../core/views/submission-view.js';

const diff = { columnProblems: [], missing: [{ grp: '"secret-row"' }], unexpected: [], changed: [], counts: { expectedRows: 1, actualRows: 0, missing: 1, unexpected: 0, changed: 0 } };
const caseResult = (hidden: boolean): CaseResult => ({
  name: hidden ? 'nulls' : 'basic', hidden, description: hidden ? 'hidden rule' : 'public rule', verdict: 'wrong_answer',
  message: 'expected row grp="secret-row" is missing', timeMs: 120, timed: false, referenceTimeMs: 100, diff,
  error: { type: 'ValueError', message: 'secret-row', traceback: 'tb' }, stdout: 'printed secret-row', planText: '== Physical Plan ==',
  planInsights: { shuffles: 1, joins: [], udfs: [] } as unknown as CaseResult['planInsights'],
});
const result: GradeResult = {
  challengeId: 'group-sum', scope: 'all', verdict: 'wrong_answer', cases: [caseResult(false), caseResult(true)], timing: null,
  sandbox: { image: 'img', startupMs: 1, sparkStartupMs: 1, computeMs: 1, peakMemoryBytes: null, stderr: 'spark log' },
};
const record: SubmissionRecord = {
  id: 's1', interviewId: 'i1', challengeId: 'group-sum', kind: 'submit', code: 'def solve(): ...', status: 'graded', createdAtMs: 1,
  startedAtMs: 2, finishedAtMs: 3, attempts: 1, casesDone: 2, casesTotal: 2, verdict: 'wrong_answer', result, error: null,
};

describe('what a candidate sees of a case', () => {
  it('keeps a public case whole except the plan', () => {
    const view = candidateCaseView(caseResult(false));
    expect(view).toMatchObject({ name: 'basic', verdict: 'wrong_answer', passed: false, diff, stdout: 'printed secret-row', message: expect.any(String) });
    expect(view).not.toHaveProperty('planText');
    expect(view).not.toHaveProperty('planInsights');
  });

  it('cuts a hidden case to its name and pass/fail', () => {
    expect(candidateCaseView(caseResult(true))).toEqual({ name: 'nulls', hidden: true, verdict: 'wrong_answer', passed: false });
  });
});

describe('submission views', () => {
  it('never leak hidden details, the sandbox log or the plan to the candidate', () => {
    const text = JSON.stringify(submissionView(record, 'candidate'));
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
    const failed = { ...record, status: 'system_error' as const, verdict: null, result: null, error: 'docker socket /var/run/docker.sock refused' };
    expect(JSON.stringify(submissionView(failed, 'candidate'))).not.toContain('docker');
    expect(submissionView(failed, 'candidate').error).toMatch(/not your code/);
    expect(submissionView(failed, 'interviewer').error).toContain('docker');
  });

  it('are exactly the view schemas the web app reads (nothing more, nothing missing)', () => {
    const planInsights = { shuffles: 1, broadcasts: 0, pythonUdfNodes: 0, cartesianProducts: 0, broadcastNestedLoopJoins: 0, joins: {} };
    const graded = { ...record, result: { ...result, cases: result.cases.map((c) => ({ ...c, planInsights })) } };
    for (const view of [submissionView(graded, 'candidate'), submissionView({ ...record, result: null }, 'candidate')]) {
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
