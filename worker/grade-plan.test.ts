import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, type Challenge } from '../core/load-challenge.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { listedCases, planGrade, SMALL_CASE_REFERENCE_FACTOR, STEP_ALLOWANCE_MS } from './grade-plan.js';

let timed: Challenge;
let stream: Challenge;
beforeAll(async () => {
  timed = await loadChallenge(path.join(REPO_ROOT, 'test', 'fixtures', 'challenges', 'timed-sum'));
  stream = await loadChallenge(path.join(REPO_ROOT, 'challenges', 'fraud-velocity-stream'));
});

describe('planGrade', () => {
  it('runs public cases first, then hidden hand-written ones, then generated ones, then the re-runs', () => {
    const plan = planGrade(timed, { scope: 'all', smallCaseLimitMs: 20_000 });
    expect(plan.cases.map((c) => [c.id, c.name, c.hidden, c.timed])).toEqual([
      ['c1', 'basic', false, false],
      ['c2', 'nulls', true, false],
      ['c3', 'scale', true, true],
      ['c4', 'nulls--shuffled', true, false],
    ]);
    expect(plan.cases[3]!.variant).toMatchObject({ of: 'nulls', partitions: 3 });
    expect(listedCases(plan).map((c) => c.name)).toEqual(['basic', 'nulls', 'scale']);
  });

  it('plans a Run as the public cases only, with no re-run', () => {
    expect(planGrade(timed, { scope: 'public', smallCaseLimitMs: 20_000 }).cases.map((c) => c.name)).toEqual(['basic']);
  });

  it.each([
    ['the floor when the reference is not calibrated', undefined, 20_000],
    ['the floor when the reference is fast', { basic: 50 }, 20_000],
    [`${SMALL_CASE_REFERENCE_FACTOR}x the reference when that is more`, { basic: 1500 }, 30_000],
    ["never above the challenge's case limit", { basic: 10_000 }, 60_000],
  ])('gives a small case %s', (_what, referenceTimes, limitMs) => {
    const plan = planGrade(timed, { scope: 'all', smallCaseLimitMs: 20_000, ...(referenceTimes ? { referenceTimes } : {}) });
    expect(plan.cases[0]!.limitMs).toBe(limitMs);
  });

  it("gives a timed case the challenge's case limit and the import the small limit", () => {
    const plan = planGrade(timed, { scope: 'all', smallCaseLimitMs: 20_000 });
    expect(plan.cases.find((c) => c.name === 'scale')!.limitMs).toBe(timed.spec.limits.caseTimeLimitMs);
    expect(plan.importLimitMs).toBe(20_000);
  });

  it('primes on the first case, off the clock, and counts it in the budget', () => {
    const plan = planGrade(timed, { scope: 'all', smallCaseLimitMs: 20_000 });
    expect(plan.prime).toMatchObject({ id: 'prime', name: 'basic' });
    const steps = [plan.prime!, ...plan.cases];
    expect(plan.budgetMs).toBe(plan.importLimitMs + steps.reduce((s, c) => s + c.limitMs, 0) + STEP_ALLOWANCE_MS * (steps.length + 1));
  });

  it('does not prime a stream challenge', () => {
    expect(planGrade(stream, { scope: 'public', smallCaseLimitMs: 20_000 }).prime).toBeNull();
    expect(planGrade(stream, { scope: 'public', smallCaseLimitMs: 20_000 }).cases.every((c) => c.stream)).toBe(true);
  });

  it('re-times on the timed cases alone, after the priming run', () => {
    const plan = planGrade(timed, { scope: 'all', smallCaseLimitMs: 20_000, withoutVariants: true, timedOnly: true });
    expect(plan.prime?.name).toBe('basic');
    expect(plan.cases.map((c) => [c.id, c.name])).toEqual([['c1', 'scale']]);
  });
});
