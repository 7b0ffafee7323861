// What the worker sends into a sandbox (job.json inside the tar on the container's stdin).
// It carries inputs and the candidate's code, never expected outputs or the reference's rows.
import { z } from 'zod';
import { GeneratorSpecSchema, InputSpecSchema } from './challenge.js';

export const SandboxCaseSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** Input name -> path of its file inside the bundle (`cases/<name>/<input>.jsonl`), when not generated. */
  files: z.record(z.string(), z.string()).default({}),
  generator: GeneratorSpecSchema.optional(),
  /**
   * Metamorphic variant: inputs are shuffled with this seed and spread over `partitions`
   * partitions before `solve` sees them.
   */
  shuffle: z.strictObject({ seed: z.number().int(), partitions: z.number().int().positive() }).optional(),
});
export type SandboxCase = z.infer<typeof SandboxCaseSchema>;

export const SandboxJobSchema = z.strictObject({
  version: z.literal(1),
  /** Path of the solution module inside the bundle. */
  solutionPath: z.literal('solution.py'),
  entrypoint: z.string(),
  inputs: z.array(InputSpecSchema),
  cases: z.array(SandboxCaseSchema),
  /** Rows collected at most per case; one more means `output_limit_exceeded`. */
  maxOutputRows: z.number().int().positive(),
  /** Bytes of the candidate's printed output kept per case. */
  maxStdoutBytes: z.number().int().positive(),
});
export type SandboxJob = z.infer<typeof SandboxJobSchema>;
