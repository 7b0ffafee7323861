// Wires the grader's dependencies from configuration: the Docker client, the sandbox image, the
// challenge catalogue, this process's sandbox owner and guard, the sandbox pool, the trusted
// generated inputs, the case payloads and the reference store. Shared by the CLI, the queue
// worker, the check and the tests: only the pool size and labels differ.
import Docker from 'dockerode';
import { ChallengeCatalog } from '../core/challenge-catalog.js';
import type { Challenge } from '../core/load-challenge.js';
import type { SandboxConfig } from './config.js';
import { GraderFault } from './errors.js';
import type { GraderDeps } from './grade-solution.js';
import { ReferenceStore } from './reference-store.js';
import { sandboxImageTag } from './sandbox-image.js';
import { CaseInputs } from './sandbox/case-inputs.js';
import { OWNER_LABEL, ROLE_LABEL, type HarnessOptions, type SandboxLimits } from './sandbox/container-options.js';
import { GeneratedInputs } from './sandbox/generated-inputs.js';
import { ensureOwnerGuard, processOwnerId } from './sandbox/owner-guard.js';
import { SandboxPool } from './sandbox/pool.js';
import type { SandboxSpec } from './sandbox/sandbox.js';

export interface GraderOptions {
  docker?: Docker;
  /** Ready sandboxes to keep (0: one started per grade, as the CLI does). */
  poolSize: number;
  /** Prefix of this process's owner id (`worker`, `cli`, `check`, `test`). */
  ownerPrefix: string;
  /** Labels on every sandbox besides owner, role and deadline (a worker's queue). */
  labels?: Record<string, string>;
  /** The role label of this process's sandboxes (default `pool`). */
  role?: string;
  /** Members warming at once. */
  maxStarting?: number;
  /** Refill only once a running grade ends while a member is still ready (default: true; see pool.ts). */
  deferRefill?: boolean;
  /** How sandboxes start Spark (default: from the class-data archive, with the warm-up). */
  harness?: HarnessOptions;
}

/** The limits every sandbox gets: the challenges' memory limit is 2 GiB unless one says otherwise. */
export function sandboxLimits(config: SandboxConfig, memoryBytes: number): SandboxLimits {
  return {
    memoryBytes,
    cpus: config.GRADER_SANDBOX_CPUS,
    pids: config.GRADER_SANDBOX_PIDS,
    tmpfsBytes: config.GRADER_SANDBOX_TMPFS_BYTES,
    fileSizeBytes: config.GRADER_SANDBOX_FILE_SIZE_BYTES,
    nofile: config.GRADER_SANDBOX_NOFILE,
  };
}

/** Memory limit of the pool's sandboxes, in bytes: the catalogue's (one pool serves every challenge). */
export const POOL_MEMORY_BYTES = 2 * 1024 ** 3;

export function sandboxSpec(
  config: SandboxConfig,
  image: string,
  labels: Record<string, string>,
  deadlineAt: number,
  harness: HarnessOptions = { cds: true, warmUp: true },
): SandboxSpec {
  return {
    image,
    limits: sandboxLimits(config, POOL_MEMORY_BYTES),
    labels,
    deadlineAt,
    startupTimeoutMs: config.GRADER_SANDBOX_STARTUP_TIMEOUT_MS,
    maxFrameBytes: config.GRADER_MAX_FRAME_BYTES,
    maxReportBytes: config.GRADER_MAX_REPORT_BYTES,
    maxStderrBytes: config.GRADER_MAX_STDERR_BYTES,
    stderrLimitBytes: config.GRADER_STDERR_LIMIT_BYTES,
    harness,
  };
}

export async function createGraderDeps(config: SandboxConfig, options: GraderOptions): Promise<GraderDeps> {
  const docker = options.docker ?? new Docker();
  const image = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
  let imageId: Promise<string> | undefined;
  const inspectImage = (): Promise<string> => {
    imageId ??= docker
      .getImage(image)
      .inspect()
      .then(
        (i) => i.Id,
        (error: unknown) => {
          imageId = undefined;
          throw new GraderFault(`sandbox image ${image} is not available: run scripts/setup.sh (${(error as Error).message})`, {
            cause: error,
            retryable: false,
          });
        },
      );
    return imageId;
  };
  const owner = processOwnerId(options.ownerPrefix);
  ensureOwnerGuard(owner);
  const labels = { ...options.labels, [OWNER_LABEL]: owner };
  const harness = options.harness ?? { cds: true, warmUp: true };
  const pool = new SandboxPool({
    docker,
    size: options.poolSize,
    maxIdleMs: config.GRADER_POOL_MAX_IDLE_MS,
    maxJobMs: config.GRADER_SANDBOX_MAX_JOB_MS,
    maxStarting: options.maxStarting ?? 2,
    deferRefill: options.deferRefill ?? true,
    spec: (deadlineAt) => sandboxSpec(config, image, { ...labels, [ROLE_LABEL]: options.role ?? 'pool' }, deadlineAt, harness),
  });
  const generated = new GeneratedInputs({
    cacheDir: config.GRADER_CACHE_DIR,
    imageId: inspectImage,
    acquire: () => pool.acquire({ priority: 5, budgetMs: config.GRADER_GENERATE_TIME_LIMIT_MS }),
    limitMs: config.GRADER_GENERATE_TIME_LIMIT_MS,
    maxBytes: config.GRADER_MAX_GENERATED_BYTES,
  });
  const inputs = new CaseInputs(generated);
  const references = new ReferenceStore({ config, image, imageId: inspectImage, pool, inputs, warmUp: harness.warmUp });
  pool.start();
  return {
    docker,
    config,
    image,
    challenges: new ChallengeCatalog(config.GRADER_CHALLENGES_DIR),
    references,
    generated,
    inputs,
    pool,
    owner,
  };
}

/** The challenge to grade; an unknown id is a grader fault that retrying cannot fix. */
export async function requireChallenge(catalog: ChallengeCatalog, id: string): Promise<Challenge> {
  const challenge = await catalog.get(id);
  if (!challenge) throw new GraderFault(`unknown challenge ${JSON.stringify(id)}`, { retryable: false });
  return challenge;
}
