// The warm pool with real sandboxes (two members): a member is handed out only once it is ready
// (Spark up, the warm-up run); while the other is still ready the refill waits for the job to
// end, and with none ready it starts at once, at a low CPU weight; a Run waiting beside a Submit
// gets the next member first; a member that waited too long or died while waiting is replaced;
// closing the pool removes every member it holds.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIORITY } from '../../core/grade-job.js';
import { parseSandboxConfig } from '../../worker/config.js';
import { createGraderDeps } from '../../worker/grader.js';
import type { GraderDeps } from '../../worker/grade-solution.js';
import { RUNNING_CPU_SHARES, SANDBOX_LABEL, WARMING_CPU_SHARES } from '../../worker/sandbox/container-options.js';
import type { Sandbox } from '../../worker/sandbox/sandbox.js';
import { TEST_RUN_LABEL } from '../support/grader.js';

const docker = new Docker();
const runId = `pool-${Date.now()}`;
let deps: GraderDeps;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ours = (): Promise<Docker.ContainerInfo[]> =>
  docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${TEST_RUN_LABEL}=${runId}`] } });

beforeAll(async () => {
  await docker.ping();
  const config = parseSandboxConfig({ ...process.env, GRADER_POOL_MAX_IDLE_MS: '15000' });
  deps = await createGraderDeps(config, { docker, poolSize: 2, maxStarting: 1, ownerPrefix: 'test', labels: { [TEST_RUN_LABEL]: runId } });
});
afterAll(async () => {
  await deps.pool.close();
});

describe('the sandbox pool', () => {
  it('hands out a member that is already warm, and refills when its job ends while another is ready', async () => {
    await until('the pool to be full', () => deps.pool.state().ready === 2, 180_000);
    const started = performance.now();
    const member = await deps.pool.acquire({ priority: PRIORITY.run, budgetMs: 60_000 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(member.ready).toMatchObject({ sparkVersion: expect.stringMatching(/^3\.5\./) });
    expect(member.usable).toBe(true);
    // One member still ready for the next job: nothing starts beside the running one.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(deps.pool.state()).toMatchObject({ target: 2, ready: 1, warming: 0, inUse: 1, handedOut: 1 });
    expect((await ours()).length).toBe(2);
    await member.destroy();
    expect(deps.pool.state()).toMatchObject({ ready: 1, warming: 1, inUse: 0 });
    await until('the pool to refill', () => deps.pool.state().ready === 2);
  });

  it('refills at once, at a low CPU weight, when no member is left ready', async () => {
    const first = await deps.pool.acquire({ priority: PRIORITY.run, budgetMs: 60_000 });
    const second = await deps.pool.acquire({ priority: PRIORITY.run, budgetMs: 60_000 });
    expect(deps.pool.state()).toMatchObject({ ready: 0, warming: 1, inUse: 2 });
    // The members handed out run at the normal CPU weight; the one warming behind them at a low one.
    expect((await first.container.inspect()).HostConfig.CpuShares).toBe(RUNNING_CPU_SHARES);
    const handedOut = new Set([first.container.id, second.container.id]);
    await until('the refill to be created', async () => (await ours()).some((c) => !handedOut.has(c.Id)));
    const refill = (await ours()).find((c) => !handedOut.has(c.Id))!;
    expect((await docker.getContainer(refill.Id).inspect()).HostConfig.CpuShares).toBe(WARMING_CPU_SHARES);
    await Promise.all([first.destroy(), second.destroy()]);
  });

  it('gives the next member to a Run before a Submit that waited longer', async () => {
    await until('a member to be ready', () => deps.pool.state().ready >= 1);
    const taken = [
      await deps.pool.acquire({ priority: PRIORITY.submit, budgetMs: 60_000 }),
      ...(deps.pool.state().ready > 0 ? [await deps.pool.acquire({ priority: PRIORITY.submit, budgetMs: 60_000 })] : []),
    ];
    const order: string[] = [];
    const submit = deps.pool.acquire({ priority: PRIORITY.submit, budgetMs: 60_000 }).then((s) => {
      order.push('submit');
      return s;
    });
    const run = deps.pool.acquire({ priority: PRIORITY.run, budgetMs: 60_000 }).then((s) => {
      order.push('run');
      return s;
    });
    expect(deps.pool.state().waiting).toBe(2);
    const members: Sandbox[] = [...taken, await run, await submit];
    expect(order).toEqual(['run', 'submit']);
    await Promise.all(members.map((m) => m.destroy()));
  });

  it('replaces a member that dies while it waits', async () => {
    await until('the pool to be full', () => deps.pool.state().ready === 2, 180_000);
    const [waiting] = (await ours()).filter((c) => c.State === 'running');
    await docker.getContainer(waiting!.Id).kill();
    await until('a new member to be ready', async () => deps.pool.state().ready === 2 && !(await ours()).some((c) => c.Id === waiting!.Id));
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
