// Timing against the reference: the candidate's times are self-reported from inside the sandbox,
// so they are first bounded by the worker's own clock, then compared to the reference's as a ratio.
import type { CaseReport } from './run-report.js';
import type { TimingSummary } from './grade-result.js';

/** Time the harness spends outside the reported phases (imports, frames), allowed before it counts against the candidate. */
export const UNREPORTED_SLACK_MS = 5_000;
export const UNREPORTED_SLACK_RATIO = 0.25;

/**
 * Time the worker's clock saw that the harness's reports do not account for, beyond a slack.
 * Code in the sandbox can under-report its own times; whatever it hides shows up here.
 */
export function unaccountedMs(computeMs: number, reports: CaseReport[]): number {
  const reported = reports.reduce((sum, r) => sum + r.timeMs + r.prepareMs, 0);
  return Math.max(0, computeMs - reported - UNREPORTED_SLACK_MS - UNREPORTED_SLACK_RATIO * computeMs);
}

/** A case's time, never more than the whole run took by the worker's clock. */
export function boundedCaseMs(report: CaseReport, computeMs: number): number {
  return Math.min(report.timeMs, computeMs);
}

/**
 * Compares the candidate's total over the timed cases with the reference's total over the same
 * cases. Unaccounted time is charged to the candidate's timed total.
 */
export function timingSummary(candidateTimedMs: number, referenceTimedMs: number, budgetRatio: number): TimingSummary {
  const ratio = referenceTimedMs > 0 ? candidateTimedMs / referenceTimedMs : 0;
  return {
    candidateMs: round(candidateTimedMs),
    referenceMs: round(referenceTimedMs),
    ratio: Math.round(ratio * 100) / 100,
    budgetRatio,
    withinBudget: ratio <= budgetRatio,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
