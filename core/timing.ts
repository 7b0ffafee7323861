// Timing against the reference: each case's time is the worker's own clock from sending the
// case (its inputs included) to its report arriving, for the candidate and the reference alike;
// the verdict compares the two totals over the timed cases as a ratio to the budget.
import type { TimingSummary } from './grade-result.js';

/**
 * A candidate whose ratio is within this factor of the budget (either side) is decided against
 * the reference re-timed right beside it, not the cached calibration: load on the machine moves
 * both times, so only a pair measured together is fair near the line.
 */
export const RETIME_FACTOR = 2;

/** Whether a ratio is close enough to the budget to re-time the reference beside it. */
export function needsRetime(ratio: number, budgetRatio: number): boolean {
  return ratio >= budgetRatio / RETIME_FACTOR && ratio <= budgetRatio * RETIME_FACTOR;
}

/** Compares the candidate's total over the timed cases with the reference's total over the same cases. */
export function timingSummary(
  candidateTimedMs: number,
  referenceTimedMs: number,
  budgetRatio: number,
  reference: TimingSummary['reference'] = 'calibration',
): TimingSummary {
  const ratio = referenceTimedMs > 0 ? candidateTimedMs / referenceTimedMs : 0;
  return {
    candidateMs: round(candidateTimedMs),
    referenceMs: round(referenceTimedMs),
    ratio: Math.round(ratio * 100) / 100,
    budgetRatio,
    withinBudget: ratio <= budgetRatio,
    reference,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
