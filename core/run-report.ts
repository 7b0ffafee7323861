// What the harness reports from inside a sandbox: one JSON frame per line on its control stream.
// Everything here is untrusted (the candidate's code shares the harness's process and can write
// any of these), so the worker parses each frame under a size and depth cap with these schemas
// and accepts only the frame its own protocol state machine expects next; times in frames are
// shown, never used for a verdict.
import { z } from 'zod';
import { SparkMetricsSchema } from './spark-metrics.js';
import { TableColumnSchema } from './table.js';

/** Frame ids are the worker's own (`s1`, `c3`, `g1`), never names from the challenge. */
const FrameIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

export const CandidateErrorSchema = z.object({
  /** Exception class, e.g. `AnalysisException`, `SyntaxError`. */
  type: z.string().max(200),
  /** The exception's message, cut to what a candidate can act on. */
  message: z.string().max(20_000),
  /** Traceback limited to the candidate's own frames (`solution.py, line N, in solve`). */
  traceback: z.string().max(20_000),
  /** Line of solution.py the error points at, when there is one. */
  line: z.number().int().positive().optional(),
});
export type CandidateError = z.infer<typeof CandidateErrorSchema>;

const CapturedStdout = {
  /** What the solution printed during the step, capped by the harness. */
  stdout: z.string().max(1_000_000),
  /** Bytes printed beyond the cap and dropped. */
  stdoutDroppedBytes: z.number().int().nonnegative(),
};

export const ReadyFrameSchema = z.strictObject({
  type: z.literal('ready'),
  sparkVersion: z.string().max(100),
  pythonVersion: z.string().max(100),
  /** SparkSession start-up inside the sandbox, in milliseconds (self-reported). */
  sparkStartupMs: z.number().nonnegative(),
  /** The warm-up workload inside the sandbox, in milliseconds (self-reported). */
  warmUpMs: z.number().nonnegative(),
});
export type ReadyFrame = z.infer<typeof ReadyFrameSchema>;

export const ModuleFrameSchema = z.strictObject({
  type: z.literal('module'),
  id: FrameIdSchema,
  status: z.enum(['ok', 'runtime_error', 'invalid_submission']),
  error: CandidateErrorSchema.optional(),
  ...CapturedStdout,
});
export type ModuleFrame = z.infer<typeof ModuleFrameSchema>;

export const RowsFrameSchema = z.strictObject({
  type: z.literal('rows'),
  id: FrameIdSchema,
  /** The micro-batch whose sink output these rows are (stream cases). */
  batch: z.number().int().nonnegative().optional(),
  /** Rows as arrays of JSON cells (core/table.ts); JSON.parse output under the depth cap is always JSON. */
  rows: z.array(z.array(z.unknown())),
});
export type RowsFrame = z.infer<typeof RowsFrameSchema>;

export const CaseEndFrameSchema = z.strictObject({
  type: z.literal('case_end'),
  id: FrameIdSchema,
  /** `ok` means a DataFrame came back and its rows were sent; the verdict is decided outside. */
  status: z.enum(['ok', 'runtime_error', 'invalid_submission', 'output_limit_exceeded']),
  columns: z.array(TableColumnSchema).max(10_000).optional(),
  /** Rows the solution returned (also when over the cap). */
  rowCount: z.number().int().nonnegative().optional(),
  /** Final physical plan (`executedPlan`) text. */
  planText: z.string().max(200_000).optional(),
  /** Spark's accounting of the case from its event log (self-reported: shown, never decisive). */
  metrics: SparkMetricsSchema.optional(),
  error: CandidateErrorSchema.optional(),
  /** The case's time inside the sandbox, in milliseconds (self-reported: shown, never decisive). */
  selfTimeMs: z.number().nonnegative(),
  /** Of which preparing the inputs, in milliseconds (self-reported). */
  prepareMs: z.number().nonnegative(),
  ...CapturedStdout,
});
export type CaseEndFrame = z.infer<typeof CaseEndFrameSchema>;

export const StreamReadyFrameSchema = z.strictObject({ type: z.literal('stream_ready'), id: FrameIdSchema });
export const BatchEndFrameSchema = z.strictObject({
  type: z.literal('batch_end'),
  id: FrameIdSchema,
  index: z.number().int().nonnegative(),
});

export const FingerprintEntrySchema = z.strictObject({
  /** Input name, or `<input> micro-batch <n>` for a stream input. */
  input: z.string().max(200),
  rows: z.number().int().nonnegative(),
  /** Order-independent content digest. */
  digest: z.string().max(200),
});
export type FingerprintEntry = z.infer<typeof FingerprintEntrySchema>;

/** Trusted generation only: a piece of a generated file, base64. */
export const BlobFrameSchema = z.strictObject({
  type: z.literal('blob'),
  id: FrameIdSchema,
  path: z
    .string()
    .regex(/^[A-Za-z0-9_.=-]+(\/[A-Za-z0-9_.=-]+)*$/)
    .max(500),
  /** Byte offset of this piece in the file. */
  offset: z.number().int().nonnegative(),
  data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type BlobFrame = z.infer<typeof BlobFrameSchema>;

export const GeneratedFrameSchema = z.strictObject({
  type: z.literal('generated'),
  id: FrameIdSchema,
  fingerprint: z.array(FingerprintEntrySchema).max(10_000),
  /** Every file sent as blobs, with its size in bytes. */
  files: z.array(z.strictObject({ path: BlobFrameSchema.shape.path, bytes: z.number().int().nonnegative() })).max(100_000),
});
export type GeneratedFrame = z.infer<typeof GeneratedFrameSchema>;

export const SandboxFrameSchema = z.discriminatedUnion('type', [
  ReadyFrameSchema,
  ModuleFrameSchema,
  RowsFrameSchema,
  CaseEndFrameSchema,
  StreamReadyFrameSchema,
  BatchEndFrameSchema,
  BlobFrameSchema,
  GeneratedFrameSchema,
  /** The harness failed: a grader fault before the candidate's code ran, the candidate's after. */
  z.strictObject({ type: z.literal('harness_error'), message: z.string().max(20_000) }),
]);
export type SandboxFrame = z.infer<typeof SandboxFrameSchema>;
