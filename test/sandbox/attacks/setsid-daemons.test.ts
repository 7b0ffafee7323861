// Attack: leave processes behind. The solution starts a daemon in a new session (setsid), a
// double-forked orphan and a process that ignores SIGTERM and SIGHUP, each sleeping with a
// marker argument, and then answers correctly.
// Must happen: `accepted`; when the grade ends the container is removed with every process in it,
// so no process with the marker runs anywhere on the host (the test reads the host's /proc).
import { randomInt } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();
const marker = `${600 + randomInt(1000)}.${randomInt(1_000_000)}`;

const code = probeSolution(
  'import os, signal, subprocess',
  String.raw`    started = []
    p = subprocess.Popen(["sleep", "${marker}"], start_new_session=True)
    started.append(p.pid)
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "${marker}"])
        os._exit(0)
    q = subprocess.Popen(["sh", "-c", "trap '' TERM HUP; exec sleep ${marker}"], start_new_session=True)
    started.append(q.pid)
    return {"started": started}`,
);

/** Host processes whose command line carries the marker. */
async function markedProcesses(): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((e) => /^\d+$/.test(e))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.split('\0').includes(marker)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
  }
  return found;
}

it('leaves no daemon of the solution running once its sandbox is gone', async () => {
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  expect(probeFindings<{ started: number[] }>(result).started).toHaveLength(2);
  expect(await grader().leftoverContainers()).toEqual([]);
  expect(await markedProcesses()).toEqual([]);
});
