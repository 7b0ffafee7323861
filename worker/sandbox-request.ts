// Turns a challenge + configuration into a sandbox request: the limits every run of that
// challenge gets, wherever it runs from.
import type { Challenge } from '../core/load-challenge.js';
import type { SandboxConfig } from './config.js';
import type { SandboxRequest } from './run-sandbox.js';

export function sandboxRequest(
  config: SandboxConfig, image: string, challenge: Challenge, bundle: Buffer, labels: Record<string, string>,
): SandboxRequest {
  return {
    image,
    bundle,
    labels,
    limits: {
      memoryBytes: challenge.spec.limits.memoryLimitBytes,
      cpus: config.GRADER_SANDBOX_CPUS,
      pids: config.GRADER_SANDBOX_PIDS,
      tmpfsBytes: config.GRADER_SANDBOX_TMPFS_BYTES,
      fileSizeBytes: config.GRADER_SANDBOX_FILE_SIZE_BYTES,
      nofile: config.GRADER_SANDBOX_NOFILE,
    },
    caseTimeLimitMs: challenge.spec.limits.caseTimeLimitMs,
    startupTimeoutMs: config.GRADER_SANDBOX_STARTUP_TIMEOUT_MS,
    prepareTimeoutMs: config.GRADER_SANDBOX_PREPARE_TIMEOUT_MS,
    maxReportBytes: config.GRADER_MAX_REPORT_BYTES,
    maxStderrBytes: config.GRADER_MAX_STDERR_BYTES,
  };
}
