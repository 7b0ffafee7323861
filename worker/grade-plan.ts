// One plan of a grade, used by the CLI, the worker, the reference calibration and the check:
// which cases run, in which order, under which time limits, and the whole run's budget. Pure.
// Order: public cases first (so in a Submit nothing of a hidden input is in the sandbox while a
// public case runs), then hidden hand-written cases, then generated (timed) ones, then the
// metamorphic re-runs of hidden hand-written cases.
import { createHash } from 'node:crypto';
import type { Challenge, ChallengeCase } from '../core/load-challenge.js';

export interface PlannedCase {
  /** The protocol's id for this case in the run (`c1`, `c2`, ...): never a challenge name. */
  id: string;
  /** The challenge's case name; a metamorphic re-run is `<case>--shuffled`. */
  name: string;
  hidden: boolean;
  timed: boolean;
  generated: boolean;
  /** The challenge has a stream input: the case is fed one micro-batch at a time. */
  stream: boolean;
  /** The candidate's wall-clock limit for the case, in milliseconds. */
  limitMs: number;
  /** The case whose inputs it runs on (itself, or the case a re-run shuffles). */
  source: ChallengeCase;
  /** A metamorphic re-run: its base case and how the rows are shuffled. */
  variant?: { of: string; seed: number; partitions: number };
}

export interface GradePlan {
  scope: 'public' | 'all';
  /** Limit for importing the solution module, in milliseconds. */
  importLimitMs: number;
  cases: PlannedCase[];
  /**
   * The first case run once before any case is timed, its report thrown away: the solution's own
   * plans get compiled (Spark generates code per plan shape) off the clock, so the first case
   * does not pay for what the later ones reuse. Not for stream challenges (a stream's start-up is
   * its own and re-running it costs a whole stream).
   */
  prime: PlannedCase | null;
  /** The whole run's watchdog, in milliseconds: every limit plus a per-step allowance. */
  budgetMs: number;
}

export interface PlanOptions {
  scope: 'public' | 'all';
  /** A small (untimed, hand-written) case's limit and the import's, in milliseconds (GRADER_SMALL_CASE_TIME_LIMIT_MS). */
  smallCaseLimitMs: number;
  /** The reference's calibrated time per case name, in milliseconds, when known. */
  referenceTimes?: Record<string, number>;
  /** Leave out the metamorphic re-runs (the reference's calibration). */
  withoutVariants?: boolean;
  /** Only the timed cases, after the priming run (the reference re-timed beside a run near its budget). */
  timedOnly?: boolean;
}

/** A small case may take this many times the reference's time on it, when that is above the floor. */
export const SMALL_CASE_REFERENCE_FACTOR = 20;
/** Allowance per step on top of its limit in the whole-run budget (sending inputs, reports), in milliseconds. */
export const STEP_ALLOWANCE_MS = 10_000;
/** Partitions a metamorphic re-run spreads its shuffled rows over (the plain run uses the sandbox's parallelism). */
export const VARIANT_PARTITIONS = 3;

export function planGrade(challenge: Challenge, options: PlanOptions): GradePlan {
  const { spec } = challenge;
  const stream = spec.inputs.some((i) => i.kind === 'stream');
  const chosen = challenge.cases.filter((c) => options.scope === 'all' || !c.hidden);
  const isSmall = (c: ChallengeCase): boolean => !c.spec.timed && !c.spec.generator;
  const smallLimit = (name: string): number => {
    const reference = options.referenceTimes?.[name];
    const derived = reference === undefined ? 0 : reference * SMALL_CASE_REFERENCE_FACTOR;
    return Math.min(spec.limits.caseTimeLimitMs, Math.max(options.smallCaseLimitMs, derived));
  };
  const ordered = [
    ...chosen.filter((c) => !c.hidden && isSmall(c)),
    ...chosen.filter((c) => !c.hidden && !isSmall(c)),
    ...chosen.filter((c) => c.hidden && isSmall(c)),
    ...chosen.filter((c) => c.hidden && !isSmall(c)),
  ];
  const cases: PlannedCase[] = ordered.map((c) => ({
    id: '',
    name: c.name,
    hidden: c.hidden,
    timed: c.spec.timed,
    generated: c.spec.generator !== undefined,
    stream,
    limitMs: isSmall(c) ? smallLimit(c.name) : spec.limits.caseTimeLimitMs,
    source: c,
  }));
  if (options.scope === 'all' && !options.withoutVariants) {
    for (const c of ordered.filter((x) => x.hidden && x.expectedFile)) {
      cases.push({
        id: '',
        name: `${c.name}--shuffled`,
        hidden: true,
        timed: false,
        generated: false,
        stream,
        limitMs: smallLimit(c.name),
        source: c,
        // Seeded by the case name, so a grade is reproducible.
        variant: { of: c.name, seed: createHash('sha256').update(c.name).digest().readUInt32BE(0), partitions: VARIANT_PARTITIONS },
      });
    }
  }
  const first = cases[0];
  if (options.timedOnly) cases.splice(0, cases.length, ...cases.filter((c) => c.timed));
  cases.forEach((c, i) => {
    c.id = `c${i + 1}`;
  });
  const prime = first && !stream ? { ...first, id: 'prime' } : null;
  const importLimitMs = Math.min(spec.limits.caseTimeLimitMs, options.smallCaseLimitMs);
  const steps = [...(prime ? [prime] : []), ...cases];
  const budgetMs = importLimitMs + steps.reduce((sum, c) => sum + c.limitMs, 0) + STEP_ALLOWANCE_MS * (steps.length + 1);
  return { scope: options.scope, importLimitMs, cases, prime, budgetMs };
}

/** The cases a result lists: the plan's, without the re-runs (they are folded into their base case). */
export function listedCases(plan: GradePlan): PlannedCase[] {
  return plan.cases.filter((c) => !c.variant);
}
