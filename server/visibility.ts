// What each role may read of a submission. The candidate gets public cases in full (diff,
// error, stdout) and hidden cases as pass/fail only; the interviewer gets everything. Built by
// copying allowed fields (an allow-list), so a field added to GradeResult later stays private.
import type { CaseResult, GradeResult } from '../core/grade-result.js';
import type { Role } from '../core/interview.js';
import type { SubmissionRecord } from '../core/submission.js';
import type {
  CandidateCaseView, CandidateResultView, CandidateSubmissionView, InterviewerSubmissionView, SubmissionSummary, SubmissionView,
} from '../core/views/submission-view.js';

export function candidateCaseView(c: CaseResult): CandidateCaseView {
  const base = { name: c.name, hidden: c.hidden, verdict: c.verdict, passed: c.verdict === 'accepted' };
  if (c.hidden) return base;
  return { ...base, description: c.description, message: c.message, timeMs: c.timeMs, diff: c.diff, error: c.error, stdout: c.stdout };
}

export function candidateResultView(result: GradeResult): CandidateResultView {
  return {
    challengeId: result.challengeId,
    scope: result.scope,
    verdict: result.verdict,
    cases: result.cases.map(candidateCaseView),
    timing: result.timing,
  };
}

const SYSTEM_ERROR_FOR_CANDIDATE = 'The grader had a problem running this submission (not your code). Please submit again.';

/** A submission as `role` may see it. */
export function submissionView(record: SubmissionRecord, role: 'interviewer'): InterviewerSubmissionView;
export function submissionView(record: SubmissionRecord, role: 'candidate'): CandidateSubmissionView;
export function submissionView(record: SubmissionRecord, role: Role): SubmissionView;
export function submissionView(record: SubmissionRecord, role: Role): SubmissionView {
  const common = {
    id: record.id,
    kind: record.kind,
    status: record.status,
    verdict: record.verdict,
    createdAtMs: record.createdAtMs,
    startedAtMs: record.startedAtMs,
    finishedAtMs: record.finishedAtMs,
    casesDone: record.casesDone,
    casesTotal: record.casesTotal,
    code: record.code,
  };
  if (role === 'interviewer') {
    return { ...common, attempts: record.attempts, result: record.result, error: record.error };
  }
  return {
    ...common,
    result: record.result ? candidateResultView(record.result) : null,
    error: record.status === 'system_error' ? SYSTEM_ERROR_FOR_CANDIDATE : null,
  };
}

/** The list entry: no code and no result detail. */
export function submissionSummary(record: SubmissionRecord): SubmissionSummary {
  return {
    id: record.id, kind: record.kind, status: record.status, verdict: record.verdict,
    createdAtMs: record.createdAtMs, finishedAtMs: record.finishedAtMs, casesDone: record.casesDone, casesTotal: record.casesTotal,
  };
}
