// The warm pool with real sandboxes: a member is handed out only once it is ready (Spark up; the
// warm-up workload is left off here, where it changes nothing the pool does, and run by the CLI,
// check and service tests), the pool refills behind it at a low CPU weight, a Run waiting beside a Submit gets the next member
// first, a member that waited too long or died while waiting is replaced, and closing the pool
// removes every member it holds. With two members, a service's pool (deferRefill) starts no
// refill while a grade runs and the other member is still ready, and starts it when the grade ends.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradePriority } from '../../core/grade-job.js';
import { parseSandboxConfig } from '../../worker/config.js';
import { createGraderDeps } from '../../worker/grader.js';
import type { GraderDeps } from '../../worker/grade-solution.js';
import { RUNNING_CPU_SHARES, SANDBOX_LABEL, WARMING_CPU_SHARES } from '../../worker/sandbox/container-options.js';
import type { Sandbox } from '../../worker/sandbox/sandbox.js';
import { TEST_RUN_LABEL } from '../support/grader.js';

const docker = new Docker();
const runId = `pool-${Date.now()}`;
let deps: GraderDeps;
let pair: GraderDeps;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ours = (): Promise<Docker.ContainerInfo[]> =>
  docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${TEST_RUN_LABEL}=${runId}`] } });

const config = parseSandboxConfig({ ...process.env, GRADER_POOL_MAX_IDLE_MS: '15000' });
beforeAll(async () => {
  await docker.ping();
});
afterAll(async () => {
  await pair?.pool.close();
  await deps?.pool.close();
});

/** A pool of `size` members of this test run, `size` of them warming at once. */
const startPool = (size: number): Promise<GraderDeps> =>
  createGraderDeps(config, {
    docker,
    poolSize: size,
    maxStarting: size,
    ownerPrefix: 'test',
    labels: { [TEST_RUN_LABEL]: runId },
    harness: { cds: true, warmUp: false },
  });

describe('a service pool of two', () => {
  beforeAll(async () => {
    pair = await startPool(2);
  });

  it('starts no refill while a grade runs and the other member is ready, and one when the grade ends', async () => {
    await until('the pool to be full', () => pair.pool.state().ready === 2, 180_000);
    const member = await pair.pool.acquire({ priority: gradePriority('run', 0), budgetMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(pair.pool.state()).toMatchObject({ target: 2, ready: 1, warming: 0, inUse: 1, handedOut: 1 });
    expect((await ours()).length).toBe(2);
    await member.destroy();
    expect(pair.pool.state()).toMatchObject({ ready: 1, warming: 1, inUse: 0 });
    await pair.pool.close();
    await until('no member of the pair left', async () => (await ours()).length === 0, 30_000);
  });
});

describe('the sandbox pool', () => {
  beforeAll(async () => {
    deps = await startPool(1);
  });

  it('hands out a member that is already up, and refills behind it', async () => {
    await until('the pool to be full', () => deps.pool.state().ready === 1);
    const started = performance.now();
    const member = await deps.pool.acquire({ priority: gradePriority('run', 0), budgetMs: 60_000 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(member.ready).toMatchObject({ sparkVersion: expect.stringMatching(/^3\.5\./) });
    expect(member.usable).toBe(true);
    // With none left ready, the refill starts at once.
    expect(deps.pool.state()).toMatchObject({ target: 1, warming: 1, inUse: 1, handedOut: 1 });
    // The member handed out runs at the normal CPU weight; the one warming behind it at a low one.
    expect((await member.container.inspect()).HostConfig.CpuShares).toBe(RUNNING_CPU_SHARES);
    await until('the refill to be created', async () => (await ours()).some((c) => c.Id !== member.container.id));
    const refill = (await ours()).find((c) => c.Id !== member.container.id)!;
    expect((await docker.getContainer(refill.Id).inspect()).HostConfig.CpuShares).toBe(WARMING_CPU_SHARES);
    await member.destroy();
    await until('the pool to refill', () => deps.pool.state().ready === 1);
  });

  it('gives the next member to a Run before a Submit that waited longer', async () => {
    const taken = await deps.pool.acquire({ priority: gradePriority('submit', 0), budgetMs: 60_000 });
    const order: string[] = [];
    const submit = deps.pool.acquire({ priority: gradePriority('submit', 0), budgetMs: 60_000 }).then((s) => {
      order.push('submit');
      return s;
    });
    const run = deps.pool.acquire({ priority: gradePriority('run', 0), budgetMs: 60_000 }).then((s) => {
      order.push('run');
      return s;
    });
    expect(deps.pool.state().waiting).toBe(2);
    const members: Sandbox[] = [taken, await run, await submit];
    expect(order).toEqual(['run', 'submit']);
    await Promise.all(members.map((m) => m.destroy()));
  });

  it('replaces a member that dies while it waits', async () => {
    await until('the pool to be full', () => deps.pool.state().ready === 1);
    const [waiting] = (await ours()).filter((c) => c.State === 'running');
    await docker.getContainer(waiting!.Id).kill();
    await until('a new member to be ready', async () => deps.pool.state().ready === 1 && !(await ours()).some((c) => c.Id === waiting!.Id));
  });

  it('replaces a member that waited longer than its idle limit', async () => {
    const before = deps.pool.state().replacedIdle;
    await until('an idle member to be replaced', () => deps.pool.state().replacedIdle > before, 120_000);
  });

  it('removes every member when closed', async () => {
    await deps.pool.close();
    await until('no member left', async () => (await ours()).length === 0, 30_000);
  });
});
