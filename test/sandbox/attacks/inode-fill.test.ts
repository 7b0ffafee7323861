// Attack: fill the scratch filesystem with empty files (inodes, not bytes), which a byte cap
// alone does not stop until the kernel's memory does.
// Must happen: the tmpfs holds at most TMPFS_INODES files (nr_inodes), so the fill ends quickly
// with ENOSPC inside the sandbox; the solution removes its files and answers: `accepted`; the
// host's disk is not involved (tmpfs) and the container is removed.
import { expect, it } from 'vitest';
import { TMPFS_INODES } from '../../../worker/sandbox/container-options.js';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();

const code = probeSolution(
  'import errno, os, shutil',
  String.raw`    os.makedirs("/tmp/fill", exist_ok=True)
    made = 0
    try:
        while True:
            open(f"/tmp/fill/{made}", "w").close()
            made += 1
    except OSError as e:
        stopped = errno.errorcode.get(e.errno)
    shutil.rmtree("/tmp/fill")
    return {"made": made, "stopped": stopped}`,
);

it('stops an inode fill at the tmpfs file cap', async () => {
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  const found = probeFindings<{ made: number; stopped: string }>(result);
  expect(found.stopped).toBe('ENOSPC');
  expect(found.made).toBeLessThan(TMPFS_INODES);
  expect(found.made).toBeGreaterThan(TMPFS_INODES / 2);
  expect(await grader().leftoverContainers()).toEqual([]);
});
