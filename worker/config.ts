// Sandbox and grading settings from GRADER_* environment variables, parsed once with zod.
// The CLI and the queue worker read the same settings, so both grade the same way.
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './sandbox-image.js';

const MiB = 1024 * 1024;
const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const SandboxConfigSchema = z.object({
  /** Base image the sandbox image is built on (part of its tag hash). */
  GRADER_BASE_IMAGE: z.string().min(1).default('grader-base:bookworm'),
  /** Use this sandbox image instead of the tag computed from sandbox-images/pyspark. */
  GRADER_SANDBOX_IMAGE: z.string().min(1).optional(),
  /** CPUs per sandbox (CPU quota, and Spark's local[N]). */
  GRADER_SANDBOX_CPUS: int(2),
  /** Most processes/threads in one sandbox (the JVM alone starts ~100 threads). */
  GRADER_SANDBOX_PIDS: int(512),
  /** Size of the sandbox's writable scratch tmpfs (/tmp), in bytes; counts against its memory. */
  GRADER_SANDBOX_TMPFS_BYTES: int(640 * MiB),
  /** Largest file the sandbox may write, in bytes (RLIMIT_FSIZE). */
  GRADER_SANDBOX_FILE_SIZE_BYTES: int(256 * MiB),
  /** Open files per sandbox process (RLIMIT_NOFILE). */
  GRADER_SANDBOX_NOFILE: int(4096),
  /** Time for the container to start and Spark to come up, in milliseconds; past it the run is a grader fault. */
  GRADER_SANDBOX_STARTUP_TIMEOUT_MS: int(120_000),
  /** Time the harness may take to prepare one case's inputs, in milliseconds; past it the run is a grader fault. */
  GRADER_SANDBOX_PREPARE_TIMEOUT_MS: int(180_000),
  /** Bytes of the candidate's printed output kept per case. */
  GRADER_MAX_STDOUT_BYTES: int(64 * 1024),
  /** Bytes of the sandbox's stderr (Spark, JVM) kept. */
  GRADER_MAX_STDERR_BYTES: int(256 * 1024),
  /** Most bytes the sandbox may send on its report stream; beyond it the run is `output_limit_exceeded`. */
  GRADER_MAX_REPORT_BYTES: int(256 * MiB),
  /** Folder of challenges. */
  GRADER_CHALLENGES_DIR: z.string().default(path.join(REPO_ROOT, 'challenges')),
  /** Folder for cached reference runs (expected outputs of generated cases, reference timings). */
  GRADER_CACHE_DIR: z.string().default(path.join(REPO_ROOT, '.cache')),
});
export type SandboxConfig = z.infer<typeof SandboxConfigSchema>;

export class ConfigError extends Error {}

/** Parses the GRADER_* variables, failing with every bad variable named. */
export function parseSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const result = SandboxConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
