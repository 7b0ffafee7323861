// Runs after every other phase of the suite (scripts/test.sh's last phase): whatever the attacks,
// crashes and kills of the suite did, nothing of a sandbox is left on this host: no container
// with the sandbox label, no process running as the sandbox user, no file of the sandbox user in
// the host's temporary folders or Docker volumes (sandboxes write only to their own tmpfs), and
// no Redis a test started still running (every test's Redis is its own, on a temporary folder,
// and is stopped by it).
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import Docker from 'dockerode';
import { expect, it } from 'vitest';
import { SANDBOX_LABEL, SANDBOX_USER } from '../../worker/sandbox/container-options.js';

interface HostProcess {
  pid: string;
  uid: number;
  cmdline: string;
  /** Its working folder (a test's Redis runs in its temporary folder). */
  cwd: string;
}

async function hostProcesses(): Promise<HostProcess[]> {
  const found: HostProcess[] = [];
  for (const pid of (await readdir('/proc')).filter((e) => /^\d+$/.test(e))) {
    const [info, cmdline, cwd] = await Promise.all([
      stat(`/proc/${pid}`).catch(() => null),
      readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
      readlink(`/proc/${pid}/cwd`).catch(() => ''),
    ]);
    if (info) found.push({ pid, uid: info.uid, cmdline: cmdline.replaceAll('\0', ' ').trim(), cwd });
  }
  return found;
}

/** Paths under `dir` owned by `uid` (symlinks not followed, unreadable folders skipped). */
async function ownedBy(dir: string, uid: number, found: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = `${dir}/${entry.name}`;
    const info = await lstat(full).catch(() => null);
    if (info?.uid === uid) found.push(full);
    if (entry.isDirectory()) await ownedBy(full, uid, found);
  }
  return found;
}

it('leaves no sandbox container, no sandbox-user process or file and no test Redis on the host', async () => {
  const containers = await new Docker().listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  expect(containers.map((c) => `${c.Id.slice(0, 12)} ${c.State} ${JSON.stringify(c.Labels)}`)).toEqual([]);
  const processes = await hostProcesses();
  const sandboxUid = Number(SANDBOX_USER.split(':')[0]);
  expect(processes.filter((p) => p.uid === sandboxUid)).toEqual([]);
  for (const dir of ['/tmp', '/var/tmp', '/var/lib/docker/volumes']) expect(await ownedBy(dir, sandboxUid)).toEqual([]);
  expect(processes.filter((p) => p.cmdline.startsWith('redis-server') && p.cwd.includes('grader-redis-'))).toEqual([]);
});
