// Test-only parts of the service tests: the fixture catalogue in the service's environment, and
// Docker checks (the sandboxes of one test's queue, a running engine). The service itself is
// started with scripts/local-service.ts.
import Docker from 'dockerode';
import { serviceEnv as localServiceEnv } from '../../scripts/local-service.js';
import { QUEUE_LABEL, SANDBOX_LABEL } from '../../worker/sandbox/container-options.js';

import { FIXTURE_CHALLENGES } from '../support/grader.js';

/**
 * The service's environment with the fixture challenges as its catalogue, and workers that keep
 * no ready sandbox: every container of a queue is then a grade's, so a test can prove none is
 * left (the pool itself is proven in test/sandbox/pool.test.ts).
 */
export function serviceEnv(redisUrl: string, queueName: string, extra: Record<string, string> = {}): Record<string, string> {
  return localServiceEnv(redisUrl, queueName, { GRADER_CHALLENGES_DIR: FIXTURE_CHALLENGES, GRADER_POOL_SIZE: '0', ...extra });
}

/** Sandbox containers of a queue (any owner), running or not. */
export async function queueContainers(queueName: string): Promise<Docker.ContainerInfo[]> {
  return new Docker().listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${QUEUE_LABEL}=${queueName}`] } });
}

/**
 * A queue's sandbox containers once removals under way have had `timeoutMs` to finish: a grade
 * that ran cleanly is decided while the worker removes its sandbox.
 */
export async function queueContainersSettled(queueName: string, timeoutMs = 30_000): Promise<Docker.ContainerInfo[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const left = await queueContainers(queueName);
    if (left.length === 0 || Date.now() > end) return left;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function requireDocker(): Promise<void> {
  await new Docker().ping().catch((error: unknown) => {
    throw new Error(`the service tests need a running Docker engine (scripts/setup.sh starts one): ${(error as Error).message}`);
  });
}
