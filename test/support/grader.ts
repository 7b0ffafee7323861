// Test support: a real grader (real Docker, real sandbox image, real pool) configured for tests,
// and a label that marks this test run's containers so a test can prove none is left behind.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll } from 'vitest';
import type { GradeResult } from '../../core/grade-result.js';
import { REPO_ROOT } from '../../core/repo-root.js';
import { parseSandboxConfig } from '../../worker/config.js';
import { gradeSolution, type GraderDeps, type GradeRequest } from '../../worker/grade-solution.js';
import { createGraderDeps, requireChallenge } from '../../worker/grader.js';
import { SANDBOX_LABEL } from '../../worker/sandbox/container-options.js';

export const FIXTURE_CHALLENGES = path.join(REPO_ROOT, 'test', 'fixtures', 'challenges');
export const TEST_RUN_LABEL = 'org.pyspark-grader.test-run';

export interface TestGrader {
  deps: GraderDeps;
  runId: string;
  grade(challengeId: string, code: string, scope?: 'public' | 'all', extra?: Partial<GradeRequest>): Promise<GradeResult>;
  /** Containers of this test run still present (running or not) once removals under way are done; with a pool, its ready members count too. */
  leftoverContainers(): Promise<Docker.ContainerInfo[]>;
  /** Closes the pool (its ready members are removed). */
  close(): Promise<void>;
}

export interface TestGraderOptions {
  /** Ready sandboxes to keep; 0 (the default) starts one per grade, so no container is left between grades. */
  poolSize?: number;
  env?: Record<string, string>;
  /**
   * Run the warm-up workload before a sandbox is ready (default off: these tests time nothing a
   * warm-up changes, and it is most of a sandbox's start: about 6 of 8.5 s; the pool and CLI tests keep it on).
   */
  warmUp?: boolean;
}

/**
 * A grader for one test file, started before its tests and closed after them: the returned
 * function gives it to a test.
 */
export function useTestGrader(challengesDir = FIXTURE_CHALLENGES, options: TestGraderOptions = {}): () => TestGrader {
  let grader: TestGrader | undefined;
  beforeAll(async () => {
    grader = await testGrader(challengesDir, options);
  });
  afterAll(async () => {
    await grader?.close();
  });
  return () => {
    if (!grader) throw new Error('the test grader is not started (useTestGrader is called at the top of a test file)');
    return grader;
  };
}

/** A grader on `challengesDir`; fails (does not skip) when Docker or the image is missing. */
export async function testGrader(challengesDir = FIXTURE_CHALLENGES, options: TestGraderOptions = {}): Promise<TestGrader> {
  const config = parseSandboxConfig({ ...process.env, GRADER_CHALLENGES_DIR: challengesDir, ...options.env });
  const docker = new Docker();
  await docker.ping().catch((error: unknown) => {
    throw new Error(`the tests need a running Docker engine (scripts/setup.sh starts one): ${(error as Error).message}`);
  });
  const runId = randomUUID();
  const deps = await createGraderDeps(config, {
    docker,
    poolSize: options.poolSize ?? 0,
    ownerPrefix: 'test',
    labels: { [TEST_RUN_LABEL]: runId },
    harness: { cds: true, warmUp: options.warmUp ?? false },
  });
  await docker
    .getImage(deps.image)
    .inspect()
    .catch(() => {
      throw new Error(`the tests need the sandbox image ${deps.image}: run scripts/setup.sh`);
    });
  return {
    deps,
    runId,
    async grade(challengeId, code, scope = 'all', extra = {}) {
      const challenge = await requireChallenge(deps.challenges, challengeId);
      return gradeSolution(deps, { challenge, code, scope, ...extra });
    },
    async leftoverContainers() {
      await deps.pool.settled(); // a grade that finished cleanly is decided while its sandbox is removed
      return docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${TEST_RUN_LABEL}=${runId}`] } });
    },
    close: () => deps.pool.close(),
  };
}
