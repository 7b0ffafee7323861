// What the worker sends into a sandbox, one command at a time on the container's stdin: a JSON
// header line, then `payloadBytes` bytes (a solution's source, a tar of one case's inputs, one
// micro-batch). A command goes only after the frame that ended the previous one, so a sandbox
// never holds an input before its case's clock starts. Expected outputs, the reference, and the
// generator scripts of cases a candidate runs never go in.
import { z } from 'zod';
import { GeneratorSpecSchema, InputSpecSchema } from './challenge.js';

const CommandIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

/** Where one input of a case is inside its payload tar. */
export const InputLayoutSchema = z.strictObject({
  /** `jsonl`: hand-written rows; `parquet`: a folder of a generated input; `file`: a file input. */
  format: z.enum(['jsonl', 'parquet', 'file']),
  path: z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.=-]+)*$/),
});

export const ShuffleSchema = z.strictObject({
  seed: z.number().int(),
  partitions: z.number().int().positive(),
});

export const SandboxCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('solution'),
    id: CommandIdSchema,
    entrypoint: z.string(),
    inputs: z.array(InputSpecSchema),
    /** Rows collected at most per case; one more means `output_limit_exceeded`. */
    maxOutputRows: z.number().int().positive(),
    /** Bytes of JSON rows sent at most per case; more means `output_limit_exceeded`. */
    maxOutputBytes: z.number().int().positive(),
    /** Bytes of the candidate's printed output kept per step. */
    maxStdoutBytes: z.number().int().positive(),
    /** The payload: the solution's source, UTF-8. */
    payloadBytes: z.number().int().nonnegative(),
  }),
  z.strictObject({
    type: z.literal('case'),
    id: CommandIdSchema,
    solution: CommandIdSchema,
    /** Input name -> its place in the payload tar (not for a stream input, fed by micro_batch). */
    inputs: z.record(z.string(), InputLayoutSchema),
    /** Metamorphic variant: rows shuffled with this seed, spread over this many partitions. */
    shuffle: ShuffleSchema.optional(),
    payloadBytes: z.number().int().nonnegative(),
  }),
  z.strictObject({
    type: z.literal('micro_batch'),
    id: CommandIdSchema,
    index: z.number().int().nonnegative(),
    /** `jsonl`: `batch.jsonl` rows; `parquet`: a `batch/` folder; `empty`: the micro-batch that ends the stream. */
    format: z.enum(['jsonl', 'parquet', 'empty']),
    payloadBytes: z.number().int().nonnegative(),
  }),
  z.strictObject({ type: z.literal('stream_end'), id: CommandIdSchema, payloadBytes: z.literal(0) }),
  z.strictObject({
    type: z.literal('generate'),
    id: CommandIdSchema,
    script: GeneratorSpecSchema.shape.script,
    seed: z.number().int(),
    params: GeneratorSpecSchema.shape.params,
    inputs: z.array(InputSpecSchema),
    /** Send no files, only the fingerprint (the reproducibility check's second generation). */
    fingerprintOnly: z.boolean(),
    /** The payload: a tar holding the generator script at `script`. */
    payloadBytes: z.number().int().nonnegative(),
  }),
]);
export type SandboxCommand = z.infer<typeof SandboxCommandSchema>;
export type InputLayout = z.infer<typeof InputLayoutSchema>;
