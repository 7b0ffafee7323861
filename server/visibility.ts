// What each role may read of a submission and its live progress. The candidate gets public cases
// in full (diff, error, stdout) and hidden cases as pass/fail only, under neutral names unless the
// challenge shows them; the interviewer gets everything. Built by copying allowed fields (an
// allow-list), so a field added to GradeResult later stays private.
import type { ChallengeSpec } from '../core/challenge.js';
import type { CaseResult, GradeResult } from '../core/grade-result.js';
import type { Role } from '../core/interview.js';
import type { ChallengeCase } from '../core/load-challenge.js';
import type { ProgressEvent, SubmissionRecord } from '../core/submission.js';
import type { ProgressView } from '../core/views/live-event-view.js';
import type {
  CandidateCaseView,
  CandidateResultView,
  CandidateSubmissionView,
  InterviewerSubmissionView,
  SubmissionSummary,
  SubmissionView,
} from '../core/views/submission-view.js';

/** The name a reader is shown for a case, given its real name and whether it is hidden. */
export type CaseNamer = (caseName: string, hidden: boolean) => string;

/** The interviewer's: every case by its own name. */
export const realCaseNames: CaseNamer = (caseName) => caseName;

/** A hidden case the challenge does not list (renamed or removed since): no name, no number. */
const UNLISTED_HIDDEN_CASE = 'hidden case';

/**
 * The candidate's: public cases by name, hidden ones as `hidden <n>` (n: 1-based position among
 * the challenge's hidden cases, in the challenge's case order) unless the challenge sets
 * `showHiddenCaseNames`. The challenge decides which of its cases are hidden; a name it does not
 * list keeps the flag it came with.
 */
export function candidateCaseNames(challenge: {
  spec: Pick<ChallengeSpec, 'showHiddenCaseNames'>;
  cases: Pick<ChallengeCase, 'name' | 'hidden'>[];
}): CaseNamer {
  if (challenge.spec.showHiddenCaseNames) return realCaseNames;
  const shown = new Map<string, string>();
  let n = 0;
  for (const c of challenge.cases) shown.set(c.name, c.hidden ? `hidden ${++n}` : c.name);
  return (caseName, hidden) => shown.get(caseName) ?? (hidden ? UNLISTED_HIDDEN_CASE : caseName);
}

export function candidateCaseView(c: CaseResult, names: CaseNamer): CandidateCaseView {
  const base = { name: names(c.name, c.hidden), hidden: c.hidden, verdict: c.verdict, passed: c.verdict === 'accepted' };
  if (c.hidden) return base;
  return {
    ...base,
    description: c.description,
    message: c.message,
    timeMs: c.timeMs,
    diff: c.diff,
    ...(c.aligned ? { aligned: c.aligned } : {}),
    error: c.error,
    stdout: c.stdout,
    ...(c.candidateInsights !== undefined ? { candidateInsights: c.candidateInsights } : {}),
  };
}

export function candidateResultView(result: GradeResult, names: CaseNamer): CandidateResultView {
  return {
    challengeId: result.challengeId,
    scope: result.scope,
    verdict: result.verdict,
    cases: result.cases.map((c) => candidateCaseView(c, names)),
    timing: result.timing,
    ...(result.custom ? { custom: { expected: result.custom.expected } } : {}),
  };
}

/** A live `progress` event as `role` may see it: the candidate's names its case as `names` says for the event's challenge. */
export function progressView(event: ProgressEvent, role: Role, names: (challengeId: string) => CaseNamer): ProgressView {
  return role === 'interviewer' ? event : { ...event, caseName: names(event.challengeId)(event.caseName, event.hidden) };
}

const SYSTEM_ERROR_FOR_CANDIDATE = 'The grader had a problem running this submission (not your code). Please submit again.';

/** A submission as `role` may see it; `names` names the candidate's cases. */
export function submissionView(record: SubmissionRecord, role: 'interviewer'): InterviewerSubmissionView;
export function submissionView(record: SubmissionRecord, role: 'candidate', names: CaseNamer): CandidateSubmissionView;
export function submissionView(record: SubmissionRecord, role: Role, names: CaseNamer): SubmissionView;
export function submissionView(record: SubmissionRecord, role: Role, names: CaseNamer = realCaseNames): SubmissionView {
  const common = {
    id: record.id,
    challengeId: record.challengeId,
    kind: record.kind,
    status: record.status,
    verdict: record.verdict,
    createdAtMs: record.createdAtMs,
    startedAtMs: record.startedAtMs,
    finishedAtMs: record.finishedAtMs,
    casesDone: record.casesDone,
    casesTotal: record.casesTotal,
    origin: record.origin,
    custom: record.customInput !== null,
    code: record.code,
    customInput: record.customInput,
  };
  if (role === 'interviewer') {
    return { ...common, attempts: record.attempts, result: record.result, error: record.error };
  }
  return {
    ...common,
    result: record.result ? candidateResultView(record.result, names) : null,
    error: record.status === 'system_error' ? SYSTEM_ERROR_FOR_CANDIDATE : null,
  };
}

/** The list entry: no code and no result detail. */
export function submissionSummary(record: SubmissionRecord): SubmissionSummary {
  return {
    id: record.id,
    challengeId: record.challengeId,
    kind: record.kind,
    status: record.status,
    verdict: record.verdict,
    createdAtMs: record.createdAtMs,
    finishedAtMs: record.finishedAtMs,
    casesDone: record.casesDone,
    casesTotal: record.casesTotal,
    origin: record.origin,
    custom: record.customInput !== null,
  };
}
