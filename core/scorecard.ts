// The interviewer's scorecard: the seed's feedback framework, one score and note per criterion.
import { z } from 'zod';

const CriterionScoreSchema = z.strictObject({
  /** 1 (weak) to 4 (strong); null while not scored. */
  score: z.number().int().min(1).max(4).nullable(),
  notes: z.string().max(10_000),
});

export const RecommendationSchema = z.enum(['strong_hire', 'hire', 'no_hire', 'strong_no_hire']);
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** The interviewer's scorecard (interviewer-only). */
export const ScorecardSchema = z.strictObject({
  /** The seed's feedback framework: one score per criterion. */
  criteria: z.strictObject({
    problemSolving: CriterionScoreSchema,
    technicalKnowledge: CriterionScoreSchema,
    codeQuality: CriterionScoreSchema,
    systemThinking: CriterionScoreSchema,
    communication: CriterionScoreSchema,
  }),
  /** Overall notes. */
  summary: z.string().max(20_000),
  /** Hire / no-hire; null while undecided (and in scorecards saved before it existed). */
  recommendation: RecommendationSchema.nullable().default(null),
  /** Notes taken during the interview, each stamped when it was written (milliseconds since the epoch). */
  notes: z
    .array(z.strictObject({ atMs: z.number().int().nonnegative(), text: z.string().trim().min(1).max(2_000) }))
    .max(500)
    .default([]),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

export const StoredScorecardSchema = z.object({
  scorecard: ScorecardSchema,
  /** Saved at, in milliseconds since the epoch (server clock). */
  updatedAtMs: z.number(),
});
export type StoredScorecard = z.infer<typeof StoredScorecardSchema>;
