// The grade CLI killed mid-grade (SIGKILL: no handler runs) while its sandbox runs a fork bomb
// that keeps every core busy. Its guard, a process of its own watching the CLI, removes the
// sandbox once the CLI is gone: the container must be gone within 30 s of the kill, and in any
// case never outlive the deadline on its label by more than the 60 s margin a reaper needs.
// SIGTERM is the CLI's own business: it removes its sandbox and exits 143.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { DEADLINE_LABEL, OWNER_LABEL, SANDBOX_LABEL } from '../../worker/sandbox/container-options.js';
import { FIXTURE_CHALLENGES } from '../support/grader.js';

const docker = new Docker();
const bomb = [
  'import os',
  'def solve(spark, numbers):',
  '    while True:',
  '        try:',
  '            if os.fork() == 0:',
  '                while True:',
  '                    pass',
  '        except OSError:',
  '            pass',
].join('\n');

/** The CLI run directly by node, so the pid in its sandbox's owner label is the one we signal. */
async function startCli(): Promise<{ child: ReturnType<typeof spawn>; exited: Promise<number | null> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cli-killed-'));
  const file = path.join(dir, 'solution.py');
  await writeFile(file, bomb);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'worker', 'cli', 'grade.ts'), 'group-sum', file, '--public'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, GRADER_CHALLENGES_DIR: FIXTURE_CHALLENGES },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

async function sandboxOf(pid: number): Promise<Docker.ContainerInfo | undefined> {
  const all = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  return all.find((c) => c.Labels[OWNER_LABEL]?.startsWith(`cli-${hostname()}-${pid}-`));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.concurrent('grade CLI stopped mid-grade', () => {
  it('leaves no sandbox behind when it is SIGKILLed', async () => {
    const { child, exited } = await startCli();
    const sandbox = await waitFor("the CLI's sandbox", () => sandboxOf(child.pid!), 120_000);
    // Mid-grade: Spark is up and the bomb is running well before this.
    await new Promise((r) => setTimeout(r, 25_000));
    expect((await sandboxOf(child.pid!))?.State).toBe('running');
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    await waitFor('the sandbox to be gone', async () => !(await sandboxOf(child.pid!)), 60_000);
    const goneAfterMs = Date.now() - killedAt;
    expect(goneAfterMs).toBeLessThan(30_000);
    expect(Date.now()).toBeLessThan(Number(sandbox.Labels[DEADLINE_LABEL]) + 60_000);
  });

  it('removes its sandbox and exits 143 on SIGTERM', async () => {
    const { child, exited } = await startCli();
    await waitFor("the CLI's sandbox", () => sandboxOf(child.pid!), 120_000);
    await new Promise((r) => setTimeout(r, 5_000));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(await sandboxOf(child.pid!)).toBeUndefined();
  });
});
