// An interview template: a named list of challenges in order, each with an optional time budget,
// that the admin keeps to create interviews in one step.
import { z } from 'zod';
import { InterviewChallengeSchema, MAX_CHALLENGES_PER_INTERVIEW } from './interview.js';

/** Most templates kept at once. */
export const MAX_TEMPLATES = 200;

export const InterviewTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** In order; at least one. */
  challenges: z.array(InterviewChallengeSchema).min(1).max(MAX_CHALLENGES_PER_INTERVIEW),
  /** Milliseconds since the epoch. */
  createdAtMs: z.number(),
});
export type InterviewTemplate = z.infer<typeof InterviewTemplateSchema>;

/**
 * The time box an interview made of `challenges` gets when none is given: the sum of their
 * budgets when every one has a budget; otherwise untimed.
 */
export function plannedDurationMs(challenges: { durationMs?: number | undefined }[]): number | undefined {
  if (challenges.length === 0 || challenges.some((c) => c.durationMs === undefined)) return undefined;
  return challenges.reduce((sum, c) => sum + c.durationMs!, 0);
}
