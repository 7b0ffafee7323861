// Words and colours for verdicts and statuses, shared by every page.
import type { SubmissionStatus, Verdict } from '../../../core/verdict.js';
import type { SubmissionSummary } from '../../../core/views/submission-view.js';
import { h } from '../dom.js';

const VERDICT_LABELS: Record<Verdict, string> = {
  accepted: 'Accepted',
  too_slow: 'Too slow',
  wrong_answer: 'Wrong answer',
  output_limit_exceeded: 'Output limit exceeded',
  time_limit_exceeded: 'Time limit exceeded',
  memory_limit_exceeded: 'Memory limit exceeded',
  runtime_error: 'Runtime error',
  invalid_submission: 'Invalid submission',
};

const STATUS_LABELS: Record<SubmissionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  graded: 'Graded',
  system_error: 'Grader error',
  cancelled: 'Stopped',
};

export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABELS[verdict];
}

/** A submission's verdict in words: a Run that passed ran the public examples only, so it says "Examples passed". */
export function outcomeLabel(s: Pick<SubmissionSummary, 'verdict'> & { kind?: SubmissionSummary['kind'] }): string {
  if (!s.verdict) return '';
  return s.kind === 'run' && s.verdict === 'accepted' ? 'Examples passed' : verdictLabel(s.verdict);
}

/** A badge with the verdict once graded, else the status; `data-verdict` carries the stored value. */
export function outcomeBadge(
  s: Pick<SubmissionSummary, 'status' | 'verdict' | 'casesDone' | 'casesTotal'> & { kind?: SubmissionSummary['kind'] },
): HTMLSpanElement {
  if (s.status === 'graded' && s.verdict) {
    return h('span', { class: `badge verdict-${s.verdict}`, 'data-verdict': s.verdict }, outcomeLabel(s));
  }
  const progress = s.status === 'running' && s.casesTotal > 0 ? ` ${s.casesDone}/${s.casesTotal}` : '';
  return h('span', { class: `badge status-${s.status}`, 'data-status': s.status }, `${STATUS_LABELS[s.status]}${progress}`);
}

export function verdictBadge(verdict: Verdict): HTMLSpanElement {
  return h('span', { class: `badge verdict-${verdict}`, 'data-verdict': verdict }, verdictLabel(verdict));
}
