// The interviewer's scorecard as the API returns it.
import { z } from 'zod';
import { ScorecardSchema } from '../scorecard.js';

/** `GET /api/i/:token/scorecard` (interviewer; `PUT` answers the `StoredScorecard` of core/scorecard.ts). */
export const ScorecardViewSchema = z.object({
  /** Null until the interviewer first saves it. */
  scorecard: ScorecardSchema.nullable(),
  /** Saved at, in milliseconds since the epoch (server clock); null when never saved. */
  updatedAtMs: z.number().nullable(),
});
export type ScorecardView = z.infer<typeof ScorecardViewSchema>;
