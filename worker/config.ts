// The worker side's settings from GRADER_* environment variables, parsed once with zod:
// `SandboxConfig` is what grading needs anywhere (CLI, check, worker); `WorkerConfig` adds the
// queue worker's own settings and the Redis fields it shares with the server.
import { availableParallelism, totalmem } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LogLevelSchema, parseEnv, positiveInt } from '../core/env-config.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { StoreConfigShape } from '../store/config.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Ready sandboxes a worker keeps by default: one per core, and no more than a quarter of the
 * machine's memory holds at 2 GiB each (a warm member idles at well under its limit).
 */
export function defaultPoolSize(cores = availableParallelism(), memoryBytes = totalmem()): number {
  return Math.max(1, Math.min(cores, Math.floor(memoryBytes / 4 / (2 * GiB))));
}

export const SandboxConfigSchema = z.object({
  /** Base image the sandbox image is built on (part of its tag hash). */
  GRADER_BASE_IMAGE: z.string().min(1).default('grader-base:bookworm'),
  /** Use this sandbox image instead of the tag computed from sandbox-images/pyspark. */
  GRADER_SANDBOX_IMAGE: z.string().min(1).optional(),
  /** CPUs per sandbox (CPU quota, and Spark's local[N]). */
  GRADER_SANDBOX_CPUS: positiveInt(2),
  /** Most processes/threads in one sandbox (the JVM alone starts ~100 threads). */
  GRADER_SANDBOX_PIDS: positiveInt(512),
  /** Size of the sandbox's writable scratch tmpfs (/tmp), in bytes; counts against its memory. */
  GRADER_SANDBOX_TMPFS_BYTES: positiveInt(640 * MiB),
  /** Largest file the sandbox may write, in bytes (RLIMIT_FSIZE). */
  GRADER_SANDBOX_FILE_SIZE_BYTES: positiveInt(256 * MiB),
  /** Open files per sandbox process (RLIMIT_NOFILE). */
  GRADER_SANDBOX_NOFILE: positiveInt(4096),
  /** Time for the container to start, Spark to come up and the warm-up to run, in milliseconds; past it the start is a grader fault. */
  GRADER_SANDBOX_STARTUP_TIMEOUT_MS: positiveInt(180_000),
  /** Wall-clock limit of importing the solution and of each small (hand-written, untimed) case, in milliseconds; raised to 20x the reference's time on a case when that is more, never above the challenge's caseTimeLimitMs. */
  GRADER_SMALL_CASE_TIME_LIMIT_MS: positiveInt(20_000),
  /** Bytes of the candidate's printed output kept per case. */
  GRADER_MAX_STDOUT_BYTES: positiveInt(64 * 1024),
  /** Bytes of the sandbox's stderr (Spark, JVM) kept for the interviewer. */
  GRADER_MAX_STDERR_BYTES: positiveInt(256 * 1024),
  /** Bytes of stderr after which the sandbox is stopped (`output_limit_exceeded`). */
  GRADER_STDERR_LIMIT_BYTES: positiveInt(16 * MiB),
  /** Longest single frame on the report stream, in bytes; a longer one stops the run. */
  GRADER_MAX_FRAME_BYTES: positiveInt(4 * MiB),
  /** Most bytes the sandbox may send on its report stream over its life; beyond it the run is `output_limit_exceeded`. */
  GRADER_MAX_REPORT_BYTES: positiveInt(256 * MiB),
  /** Most bytes of output rows (JSON) one case may send; beyond it the case is `output_limit_exceeded`. */
  GRADER_MAX_OUTPUT_BYTES: positiveInt(96 * MiB),
  /** Ready sandboxes kept per image and limits by a worker (default: one per core, bounded by memory). The CLI keeps none. */
  GRADER_POOL_SIZE: z.coerce.number().int().nonnegative().default(defaultPoolSize()),
  /** A ready sandbox unused this long is replaced, in milliseconds. */
  GRADER_POOL_MAX_IDLE_MS: positiveInt(10 * 60_000),
  /** The longest grade a pool sandbox takes, in milliseconds (part of every sandbox's deadline); a longer one gets its own sandbox. */
  GRADER_SANDBOX_MAX_JOB_MS: positiveInt(30 * 60_000),
  /** Limit of one trusted generation of a case's inputs, in milliseconds. */
  GRADER_GENERATE_TIME_LIMIT_MS: positiveInt(10 * 60_000),
  /** Most bytes of one case's generated input files. */
  GRADER_MAX_GENERATED_BYTES: positiveInt(1024 * MiB),
  /** Folder of challenges. */
  GRADER_CHALLENGES_DIR: z.string().default(path.join(REPO_ROOT, 'challenges')),
  /** Folder for cached reference runs (expected outputs of generated cases, reference timings) and generated inputs. */
  GRADER_CACHE_DIR: z.string().default(path.join(REPO_ROOT, '.cache')),
});
export type SandboxConfig = z.infer<typeof SandboxConfigSchema>;

export const WorkerConfigSchema = SandboxConfigSchema.extend({
  ...StoreConfigShape,
  /** Grades one worker process runs at once (each is one Spark sandbox). */
  GRADER_WORKER_CONCURRENCY: positiveInt(2),
  /** BullMQ job lock, in milliseconds: a worker that stops renewing it for this long is considered dead. */
  GRADER_LOCK_DURATION_MS: positiveInt(30_000),
  /** How often workers look for stalled jobs (lock expired), in milliseconds. */
  GRADER_STALLED_INTERVAL_MS: positiveInt(15_000),
  /** Times a job may stall (its worker died) and be restarted before it fails as system_error. */
  GRADER_MAX_STALLED_COUNT: positiveInt(2),
  /** A worker's liveness key lives this long without a refresh, in milliseconds; the reaper treats owners without one as dead. */
  GRADER_WORKER_HEARTBEAT_TTL_MS: positiveInt(15_000),
  /** How often a worker re-enqueues accepted submissions that have no job, reaps dead workers' sandboxes and deletes expired interviews, in milliseconds. */
  GRADER_SWEEP_INTERVAL_MS: positiveInt(30_000),
  /**
   * Days an interview is kept after its last activity (created, a submission or result, a draft
   * edit, a scorecard save); then the sweep deletes it and everything of it. Fractions allowed.
   */
  GRADER_RETENTION_DAYS: z.coerce.number().positive().default(90),
  /** Time SIGTERM gives running grades to finish before their sandboxes are killed, in milliseconds. */
  GRADER_SHUTDOWN_TIMEOUT_MS: positiveInt(60_000),
  /** pino log level. */
  GRADER_LOG_LEVEL: LogLevelSchema,
});
export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;

/** The grading settings (CLI, check, tests), failing with every bad variable named. */
export function parseSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  return parseEnv(SandboxConfigSchema, env);
}

/** The queue worker's settings, failing with every bad variable named. */
export function parseWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseEnv(WorkerConfigSchema, env);
}
