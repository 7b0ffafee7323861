// What both roles read of a challenge (statement, starter, schemas, limits, the public cases'
// data; never the reference or hidden data), and a challenge as the admin's catalogue lists it.
import { z } from 'zod';
import { ChallengeSpecSchema, InputSpecSchema, LimitsSpecSchema, OutputSpecSchema, TimingSpecSchema } from '../challenge.js';

/** One row of a public case's input or expected output, keyed by column name (JSON cells as in the case file). */
const ExampleRowSchema = z.record(z.string(), z.unknown());

export const PublicCaseViewSchema = z.object({
  name: z.string(),
  /** The one rule the case checks. */
  description: z.string(),
  /** Inputs come from a seeded generator (too large to show): `inputs` is empty then. */
  generated: z.boolean(),
  /** Input name -> rows (DataFrame and stream inputs) or the file's text, cut to 64 KiB (file inputs). */
  inputs: z.record(z.string(), z.union([z.array(ExampleRowSchema), z.string()])),
  /** Expected rows; null when the reference computes them. */
  expected: z.array(ExampleRowSchema).nullable(),
});
export type PublicCaseView = z.infer<typeof PublicCaseViewSchema>;

const spec = ChallengeSpecSchema.shape;

export const ChallengeViewSchema = z.object({
  id: spec.id,
  title: spec.title,
  difficulty: spec.difficulty,
  summary: spec.summary,
  entrypoint: spec.entrypoint,
  inputs: z.array(InputSpecSchema),
  output: OutputSpecSchema,
  limits: LimitsSpecSchema,
  timing: TimingSpecSchema,
  /** statement.md, markdown. */
  statement: z.string(),
  /** starter.py: the code the editor starts with. */
  starter: z.string(),
  publicCases: z.array(PublicCaseViewSchema),
  /** How many hidden cases a Submit runs besides the public ones. */
  hiddenCaseCount: z.number().int().nonnegative(),
  /** The candidate may Run on rows of their own; null when the challenge does not allow it. */
  customInput: z
    .object({
      /** Most rows per DataFrame or stream input. */
      maxRows: z.number().int().positive(),
      /** Largest file input, in bytes. */
      maxFileBytes: z.number().int().positive(),
      /** A stream's rows may arrive in micro-batches 0 to this. */
      maxMicroBatch: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type ChallengeView = z.infer<typeof ChallengeViewSchema>;

/** `GET /api/challenges` (admin): the challenges that load, for the dashboard's picker (`GET /api/challenges/:id`: one as a ChallengeView). */
export const ChallengeListSchema = z.object({
  challenges: z.array(
    z.object({
      id: spec.id,
      title: spec.title,
      difficulty: spec.difficulty,
      summary: spec.summary,
      /** The inputs' names, in `solve`'s order. */
      inputs: z.array(z.string()),
      /** Minutes a prepared candidate needs (the challenge's figure or its difficulty's usual time). */
      expectedMinutes: z.number().int().positive(),
    }),
  ),
});
export type ChallengeList = z.infer<typeof ChallengeListSchema>;
export type ChallengeListEntry = ChallengeList['challenges'][number];
