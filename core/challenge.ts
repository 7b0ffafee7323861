// The challenge format: `challenges/<id>/challenge.yaml` and each case's `case.yaml`, as zod
// schemas (the only definition; the editor JSON Schema is generated from these).
import { z } from 'zod';
import { DECLARED_TYPES } from './column-type.js';
import { VerdictSchema } from './verdict.js';

/** The key of a stream input's case rows that names the micro-batch (0, 1, ...) the row arrives in. */
export const STREAM_BATCH_COLUMN = 'micro_batch';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier');

export const ColumnSpecSchema = z.strictObject({
  /** Column name. */
  name: identifier.describe('Column name.'),
  /** Declared type. Integral types are interchangeable in output comparison. */
  type: z.enum(DECLARED_TYPES).describe('Declared type. Integral types are interchangeable in output comparison.'),
  /** Whether nulls may appear. */
  nullable: z.boolean().default(true).describe('Whether nulls may appear.'),
  /** What the column means (shown in the statement's schema table). */
  description: z.string().optional().describe("What the column means (shown in the statement's schema table)."),
});
export type ColumnSpec = z.infer<typeof ColumnSpecSchema>;

export const InputSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Parameter name of `solve`, and the input file's base name in each case folder. */
    name: identifier.describe("Parameter name of `solve`, and the input file's base name in each case folder."),
    /** The solution receives a DataFrame with exactly these columns. */
    kind: z.literal('dataframe').describe('The solution receives a DataFrame with exactly these columns.'),
    columns: z.array(ColumnSpecSchema).min(1),
    description: z.string().optional(),
  }),
  z.strictObject({
    name: identifier,
    /**
     * The solution receives a streaming DataFrame with exactly these columns and returns a
     * streaming DataFrame, which the harness runs as an append-mode query. Each row of a case
     * file also names the micro-batch it arrives in (`micro_batch`: 0, 1, ...).
     */
    kind: z
      .literal('stream')
      .describe(
        'The solution receives a streaming DataFrame with exactly these columns and returns a streaming DataFrame, which the harness runs as an append-mode query. Each row of a case file also names the micro-batch it arrives in (`micro_batch`: 0, 1, ...).',
      ),
    columns: z
      .array(ColumnSpecSchema)
      .min(1)
      .refine(
        (columns) => !columns.some((c) => c.name === STREAM_BATCH_COLUMN),
        `${STREAM_BATCH_COLUMN} is reserved for the micro-batch a row arrives in`,
      ),
    description: z.string().optional(),
  }),
  z.strictObject({
    name: identifier,
    /** The solution receives the path of a file (read-only copy in the sandbox's scratch). */
    kind: z.literal('file').describe("The solution receives the path of a file (read-only copy in the sandbox's scratch)."),
    /** File extension of the case files (`csv`, `txt`, `json`). */
    extension: z
      .string()
      .regex(/^[a-z0-9]+$/)
      .describe('File extension of the case files (`csv`, `txt`, `json`).'),
    description: z.string().optional(),
  }),
]);
export type InputSpec = z.infer<typeof InputSpecSchema>;

export const OutputSpecSchema = z.strictObject({
  columns: z.array(ColumnSpecSchema).min(1),
  /** Row order matters (compared position by position) only when true. */
  ordered: z.boolean().default(false).describe('Row order matters (compared position by position) only when true.'),
  /** Columns that identify a row, used to pair rows in a diff ("user u7, session 10:00"). */
  key: z.array(identifier).min(1).describe('Columns that identify a row, used to pair rows in a diff ("user u7, session 10:00").'),
});
export type OutputSpec = z.infer<typeof OutputSpecSchema>;

export const LimitsSpecSchema = z.strictObject({
  /** Candidate's wall-clock limit for one case (solve + collect), in milliseconds. */
  caseTimeLimitMs: z
    .number()
    .int()
    .positive()
    .default(60_000)
    .describe("Candidate's wall-clock limit for one case (solve + collect), in milliseconds."),
  /** Container memory limit (memory = memory+swap), in bytes. */
  memoryLimitBytes: z
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3)
    .describe('Container memory limit (memory = memory+swap), in bytes.'),
  /** Most output rows collected from a solution; more is `output_limit_exceeded`. */
  maxOutputRows: z
    .number()
    .int()
    .positive()
    .default(500_000)
    .describe('Most output rows collected from a solution; more is `output_limit_exceeded`.'),
});
export type LimitsSpec = z.infer<typeof LimitsSpecSchema>;

export const TimingSpecSchema = z.strictObject({
  /** A correct answer on a timed case slower than this ratio times the reference's time is `too_slow`. */
  budgetRatio: z
    .number()
    .gt(1)
    .describe("A correct answer on a timed case slower than this ratio times the reference's time is `too_slow`."),
});

export const ChallengeSpecSchema = z
  .strictObject({
    /** Folder name; kebab-case. */
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case')
      .describe('Folder name; kebab-case.'),
    title: z.string().min(1),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    /** One line for lists. */
    summary: z.string().min(1).describe('One line for lists.'),
    /** Minutes a prepared candidate needs; absent: the difficulty's usual time (see `expectedMinutesOf`). */
    expectedMinutes: z
      .number()
      .int()
      .positive()
      .max(240)
      .optional()
      .describe("Minutes a prepared candidate needs; absent: the difficulty's usual time (easy 20, medium 30, hard 45)."),
    /** Name of the function the solution defines; a solution defining `solve` instead is accepted too. */
    entrypoint: identifier
      .default('solve')
      .describe('Name of the function the solution defines; a solution defining `solve` instead is accepted too.'),
    inputs: z.array(InputSpecSchema).min(1),
    output: OutputSpecSchema,
    limits: LimitsSpecSchema.default(LimitsSpecSchema.parse({})),
    timing: TimingSpecSchema,
    /** Show the candidate hidden cases' names; by default they are `hidden 1`, `hidden 2`, ... (in case order). */
    showHiddenCaseNames: z
      .boolean()
      .default(false)
      .describe("Show the candidate hidden cases' names; by default they are `hidden 1`, `hidden 2`, ... (in case order)."),
    /** What the candidate is told of Spark's metrics: by default a short form per public case on Run and Submit (never of hidden cases). */
    insights: z
      .strictObject({
        candidate: z
          .boolean()
          .default(true)
          .describe('Show the candidate a short form of each public case\'s Spark findings ("2 shuffles; one Python UDF; no skew").'),
      })
      .default({ candidate: true })
      .describe("What the candidate is told of Spark's metrics; the interviewer always sees all of them."),
    /** The candidate may Run on rows of their own, beside the reference's output on them ("Custom input"). */
    customInput: z
      .boolean()
      .default(false)
      .describe('The candidate may Run on rows of their own, beside the reference\'s output on them ("Custom input").'),
  })
  .superRefine((spec, ctx) => {
    const names = new Set(spec.output.columns.map((c) => c.name));
    spec.output.key.forEach((k, i) => {
      if (!names.has(k)) ctx.addIssue({ code: 'custom', path: ['output', 'key', i], message: `key column ${k} is not an output column` });
    });
    if (spec.inputs.filter((i) => i.kind === 'stream').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'at most one input may be a stream' });
    }
    const seen = new Set<string>();
    spec.inputs.forEach((input, i) => {
      if (seen.has(input.name)) ctx.addIssue({ code: 'custom', path: ['inputs', i, 'name'], message: `duplicate input ${input.name}` });
      seen.add(input.name);
    });
  });
export type ChallengeSpec = z.infer<typeof ChallengeSpecSchema>;

/** The usual time for a challenge of each difficulty, in minutes. */
const MINUTES_BY_DIFFICULTY: Record<ChallengeSpec['difficulty'], number> = { easy: 20, medium: 30, hard: 45 };

/** Minutes a prepared candidate needs for the challenge: its own figure, else its difficulty's usual time. */
export function expectedMinutesOf(spec: Pick<ChallengeSpec, 'difficulty' | 'expectedMinutes'>): number {
  return spec.expectedMinutes ?? MINUTES_BY_DIFFICULTY[spec.difficulty];
}

export const GeneratorSpecSchema = z.strictObject({
  /** Python file in the challenge folder defining `generate(spark, seed, **params) -> {input: DataFrame (for a stream input with a micro_batch column), or the text of a file input}`. */
  script: z
    .string()
    .regex(/^[A-Za-z0-9_./-]+\.py$/)
    .refine((p) => !p.split('/').includes('..') && !p.startsWith('/'), 'must stay inside the challenge folder')
    .describe(
      'Python file in the challenge folder defining `generate(spark, seed, **params) -> {input: DataFrame (for a stream input with a micro_batch column), or the text of a file input}`.',
    ),
  /** Seed: the same seed gives the same rows. */
  seed: z.number().int().describe('Seed: the same seed gives the same rows.'),
  /** Keyword arguments for `generate`. */
  params: z
    .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
    .default({})
    .describe('Keyword arguments for `generate`.'),
});
export type GeneratorSpec = z.infer<typeof GeneratorSpecSchema>;

export const CaseSpecSchema = z.strictObject({
  /** The one rule this case checks, in a sentence (shown to the interviewer; to the candidate for public cases). */
  description: z
    .string()
    .min(1)
    .describe('The one rule this case checks, in a sentence (shown to the interviewer; to the candidate for public cases).'),
  /**
   * The numbers of the statement's rules (its `## Rules` list) this case tests. Every hidden
   * hand-written case declares them, and every rule needs such a case (`challenges:check`
   * enforces both); public cases may declare them too; generated and timed cases do not count.
   */
  rules: z
    .array(z.number().int().positive())
    .min(1)
    .refine((rules) => new Set(rules).size === rules.length, 'names a rule more than once')
    .optional()
    .describe(
      "The numbers of the statement's rules (its `## Rules` list) this case tests. Every hidden hand-written case declares them, and every rule needs such a case; public cases may declare them too; generated and timed cases do not count.",
    ),
  /** Counted in the timing budget against the reference. */
  timed: z.boolean().default(false).describe('Counted in the timing budget against the reference.'),
  /** Inputs come from a seeded generator instead of files; the expected output from the reference. */
  generator: GeneratorSpecSchema.optional().describe(
    'Inputs come from a seeded generator instead of files; the expected output from the reference.',
  ),
});
export type CaseSpec = z.infer<typeof CaseSpecSchema>;

/** First lines of a `wrong/*.py` file: `# expect: <verdict>` and `# breaks: <rule>`. */
export const WrongSolutionHeaderSchema = z.strictObject({
  expect: VerdictSchema.exclude(['accepted']),
  breaks: z.string().min(1),
});
export type WrongSolutionHeader = z.infer<typeof WrongSolutionHeaderSchema>;

/** The top comment of a correct/*.py: how it differs from the reference, and the verdict it must get. */
export const CorrectSolutionHeaderSchema = z
  .strictObject({
    /** How it is written, unlike the reference (`window functions`, `Spark SQL`, `RDD`). */
    style: z.string().min(1),
    /** `accepted`, or `too_slow` for a solution slow on purpose. */
    expect: z.enum(['accepted', 'too_slow']).default('accepted'),
    /** A too-slow solution's measured ratio to the reference (`6.2x`). */
    measured: z
      .string()
      .regex(/^\d+(\.\d+)?x$/, 'a ratio such as 6.2x')
      .optional(),
  })
  .refine((h) => h.expect !== 'too_slow' || h.measured !== undefined, {
    path: ['measured'],
    message: 'a too_slow correct solution states its measured ratio',
  });
export type CorrectSolutionHeader = z.infer<typeof CorrectSolutionHeaderSchema>;
