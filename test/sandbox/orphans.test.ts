// Sandboxes whose owner died together with its guard (a Docker or machine restart kills both, as
// does a killed process group) have nobody to remove them until their deadline, up to most of
// an hour away. The next guard started on the host removes them at once: those of processes of
// this host that no longer run, and only those.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { parseSandboxConfig } from '../../worker/config.js';
import { sandboxImageTag } from '../../worker/sandbox-image.js';
import { OWNER_LABEL, SANDBOX_LABEL } from '../../worker/sandbox/container-options.js';
import { ownerProcess } from '../../worker/sandbox/reaper.js';
import { TEST_RUN_LABEL } from '../support/grader.js';

const docker = new Docker();
const runId = `orphans-${process.pid}`;

/** A pid that ran on this host and has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A sandbox-labelled container of `owner` doing nothing (no Spark: only its labels matter here). */
async function placeholder(owner: string, start: boolean): Promise<string> {
  const config = parseSandboxConfig();
  const image = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: ['/bin/sleep'],
    Cmd: ['300'],
    Labels: { [SANDBOX_LABEL]: '1', [OWNER_LABEL]: owner, [TEST_RUN_LABEL]: runId },
    HostConfig: { NetworkMode: 'none' },
  });
  if (start) await container.start();
  return container.id;
}

async function present(): Promise<string[]> {
  const all = await docker.listContainers({ all: true, filters: { label: [`${TEST_RUN_LABEL}=${runId}`] } });
  return all.map((c) => c.Id);
}

afterAll(async () => {
  for (const id of await present()) await docker.getContainer(id).remove({ force: true });
});

describe('owner ids', () => {
  it('name the host and process of the owner, with dashes in the host name', () => {
    expect(ownerProcess('check-my-host-26288-f1ee9c76')).toEqual({ host: 'my-host', pid: 26288 });
    expect(ownerProcess('worker-7')).toBeNull();
  });
});

describe('a guard starting on this host', () => {
  it('removes the sandboxes of dead owners of this host, running or not, and leaves live and foreign owners alone', async () => {
    const host = hostname();
    const dead = await deadPid();
    const orphanRunning = await placeholder(`cli-${host}-${dead}-0badf00d`, true);
    const orphanCreated = await placeholder(`check-${host}-${dead}-0badf00d`, false);
    const live = await placeholder(`cli-${host}-${process.pid}-0badf00d`, true);
    const foreign = await placeholder(`worker-elsewhere-${dead}-0badf00d`, true);

    const guard = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'worker', 'sandbox', 'guard-process.ts'), `test-${runId}`],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );
    let log = '';
    guard.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      const until = Date.now() + 20_000;
      while ((await present()).some((id) => id === orphanRunning || id === orphanCreated)) {
        if (Date.now() > until) throw new Error(`the orphans are still there after 20 s; guard said:\n${log}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      guard.disconnect();
    }
    expect((await present()).sort()).toEqual([live, foreign].sort());
    expect(log).toContain(`its owner cli-${host}-${dead}-0badf00d no longer runs on this host`);
  });
});
