// The settings both processes need to meet in Redis: where it is, the queue, the key prefix and
// how a job is retried. Each process's own config schema includes these fields.
import { z } from 'zod';
import { positiveInt } from '../core/env-config.js';

export const StoreConfigShape = {
  /** Redis holding submissions, interviews and the queue; `redis://host:port/db`. */
  GRADER_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  /** BullMQ queue name; also scopes the reaper (a worker only reaps its own queue's sandboxes). */
  GRADER_QUEUE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('grade'),
  /** Prefix of the service's own Redis keys (BullMQ keeps its `bull:` prefix). */
  GRADER_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('grader'),
  /** Tries per grade when the grader itself fails (Docker hiccup); 1 means no retry. */
  GRADER_JOB_ATTEMPTS: positiveInt(3),
  /** First retry delay, in milliseconds; doubles on each retry. */
  GRADER_JOB_BACKOFF_MS: positiveInt(5_000),
};
export const StoreConfigSchema = z.object(StoreConfigShape);
export type StoreConfig = z.infer<typeof StoreConfigSchema>;
