// A worker's sandbox pool as it reports it in its heartbeat, for /readyz and /metrics.
import { z } from 'zod';

export const PoolStateSchema = z.object({
  /** Members the pool keeps ready or warming (GRADER_POOL_SIZE). */
  target: z.number().int().nonnegative(),
  /** Members up, warm and waiting for a job. */
  ready: z.number().int().nonnegative(),
  /** Members starting (container, Spark, warm-up). */
  warming: z.number().int().nonnegative(),
  /** Members handed out whose job has not ended (a refill waits for one to end while a member is still ready). */
  inUse: z.number().int().nonnegative().default(0),
  /** Grades waiting for a member. */
  waiting: z.number().int().nonnegative(),
  /** Members handed to a grade since the worker started. */
  handedOut: z.number().int().nonnegative(),
  /** Members replaced after waiting longer than GRADER_POOL_MAX_IDLE_MS. */
  replacedIdle: z.number().int().nonnegative(),
  /** Member starts that failed (Docker or Spark) since the worker started. */
  failedStarts: z.number().int().nonnegative(),
});
export type PoolState = z.infer<typeof PoolStateSchema>;
