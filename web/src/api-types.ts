// The shapes the web app reads from the server's API (server/visibility.ts and
// server/challenge-catalog.ts build them); result types come from core, the one definition.
import type { ChallengeSpec } from '../../core/challenge.js';
import type { CaseResult, GradeResult, TimingSummary } from '../../core/grade-result.js';
import type { SubmissionStatus, Verdict } from '../../core/verdict.js';

export type { RowDiff, TimingSummary } from '../../core/grade-result.js';
export type { PlanInsights } from '../../core/plan-insights.js';
export type { SubmissionStatus, Verdict } from '../../core/verdict.js';
export type SubmissionKind = 'run' | 'submit';

export interface Interview {
  id: string;
  challengeId: string;
  candidateName: string;
  /** ISO-8601 UTC. */
  createdAt: string;
}

export interface PublicCase {
  name: string;
  description: string;
  generated: boolean;
  /** Input name -> rows (DataFrame inputs) or file text. */
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>[] | null;
}

export interface ChallengeView {
  id: string;
  title: string;
  difficulty: ChallengeSpec['difficulty'];
  summary: string;
  entrypoint: string;
  inputs: ChallengeSpec['inputs'];
  output: ChallengeSpec['output'];
  limits: ChallengeSpec['limits'];
  timing: ChallengeSpec['timing'];
  statement: string;
  starter: string;
  publicCases: PublicCase[];
  hiddenCaseCount: number;
}

export interface SubmissionSummary {
  id: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  verdict: Verdict | null;
  createdAtMs: number;
  finishedAtMs: number | null;
  casesDone: number;
  casesTotal: number;
}

export interface InterviewView {
  role: 'candidate' | 'interviewer';
  interview: Interview;
  challenge: ChallengeView;
  /** Interviewer only. */
  hiddenCases?: { name: string; description: string }[];
  submissions: SubmissionSummary[];
}

/** A case as either role sees it: hidden cases reach the candidate as name + verdict only. */
export type CaseView = Pick<CaseResult, 'name' | 'hidden' | 'verdict'> & Partial<Omit<CaseResult, 'name' | 'hidden' | 'verdict'>>;

export interface ResultView {
  challengeId: string;
  scope: GradeResult['scope'];
  verdict: Verdict;
  cases: CaseView[];
  timing: TimingSummary | null;
  /** Interviewer only. */
  sandbox?: GradeResult['sandbox'];
}

export interface SubmissionView extends SubmissionSummary {
  startedAtMs: number | null;
  code: string;
  result: ResultView | null;
  error: string | null;
  /** Interviewer only. */
  attempts?: number;
}

export interface ProgressEvent {
  type: 'progress';
  submissionId: string;
  caseName: string;
  casesDone: number;
  casesTotal: number;
}

export interface DraftEvent {
  /** Milliseconds since the epoch (client clock). */
  t: number;
  /** Replaced range, as character offsets in the previous text. */
  from: number;
  to: number;
  text: string;
}

export interface Draft {
  code: string | null;
  updatedAtMs: number | null;
}

export const SCORECARD_CRITERIA = ['problemSolving', 'technicalKnowledge', 'codeQuality', 'systemThinking', 'communication'] as const;
export type Criterion = (typeof SCORECARD_CRITERIA)[number];

export interface Scorecard {
  criteria: Record<Criterion, { score: number | null; notes: string }>;
  summary: string;
}

export interface ChallengeListEntry {
  id: string;
  title: string;
  difficulty: string;
  summary: string;
}

export interface InterviewListEntry {
  interview: Interview;
  submissionCount: number;
  latest: SubmissionSummary | null;
  latestSubmit: SubmissionSummary | null;
}

export interface CreatedInterview {
  interview: Interview;
  candidateToken: string;
  interviewerToken: string;
  candidateUrl: string;
  interviewerUrl: string;
}
