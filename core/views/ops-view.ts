// What the operations endpoints and the error middleware answer: readiness and the error body.
import { z } from 'zod';

/** `GET /readyz`: 200 when ready, else 503 with the same body; `workers` and `pool` only for the metrics token. */
export const ReadinessSchema = z.object({
  /** Redis answers and a live worker (or this server) reaches Docker. */
  ready: z.boolean(),
  redis: z.boolean(),
  docker: z.boolean(),
  /** Workers with a live heartbeat on this server's queue. */
  workers: z.number().int().nonnegative().optional(),
  /** Their sandbox pools, summed from their last heartbeats: the target, members ready, warming and running a grade, grades waiting for one, members handed out so far. */
  pool: z
    .object({
      target: z.number().int().nonnegative(),
      ready: z.number().int().nonnegative(),
      warming: z.number().int().nonnegative(),
      inUse: z.number().int().nonnegative(),
      waiting: z.number().int().nonnegative(),
      handedOut: z.number().int().nonnegative(),
    })
    .optional(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

/** Every 4xx and 5xx answer. */
export const ErrorBodySchema = z.object({
  /** A 4xx's message as written; `internal error` for a 5xx. */
  error: z.string(),
  /** 500 only: the id of the log line that holds the fault. */
  errorId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
