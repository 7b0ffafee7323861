// What an interview is made of, as the admin asks for it: challenges of the catalogue in order,
// each once, with optional time budgets in minutes; checked against the catalogue and turned
// into the stored form (budgets in milliseconds). Interviews and templates both take it.
import { z } from 'zod';
import type { ChallengeCatalog } from '../core/challenge-catalog.js';
import { MAX_CHALLENGES_PER_INTERVIEW, type InterviewChallenge } from '../core/interview.js';
import { HttpError } from './http/http-error.js';

/** The longest time box, budget or extension, in minutes. */
export const MAX_MINUTES = 24 * 60;

export const MinutesSchema = z.number().positive().max(MAX_MINUTES, `must be at most ${MAX_MINUTES} minutes`);

export const ChallengeIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a challenge id')
  .max(100);

export const PlannedChallengesSchema = z
  .array(z.strictObject({ challengeId: ChallengeIdSchema, durationMinutes: MinutesSchema.optional() }))
  .min(1, 'must name at least one challenge')
  .max(MAX_CHALLENGES_PER_INTERVIEW, `must name at most ${MAX_CHALLENGES_PER_INTERVIEW} challenges`)
  .refine((list) => new Set(list.map((c) => c.challengeId)).size === list.length, 'must name each challenge at most once');
export type PlannedChallenges = z.infer<typeof PlannedChallengesSchema>;

/** The stored form of `planned`; a challenge the catalogue does not hold is a 400. */
export async function resolvePlan(catalog: ChallengeCatalog, planned: PlannedChallenges): Promise<InterviewChallenge[]> {
  for (const { challengeId } of planned)
    if (!(await catalog.get(challengeId))) throw new HttpError(400, `unknown challenge ${JSON.stringify(challengeId)}`);
  return planned.map(({ challengeId, durationMinutes }) => ({
    challengeId,
    ...(durationMinutes !== undefined ? { durationMs: Math.round(durationMinutes * 60_000) } : {}),
  }));
}
