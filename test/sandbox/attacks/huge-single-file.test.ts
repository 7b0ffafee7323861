// Attack: write one file as large as the disk will take, in one stream.
// Must happen: RLIMIT_FSIZE (GRADER_SANDBOX_FILE_SIZE_BYTES) stops the file at its cap with EFBIG
// (Python ignores SIGXFSZ, so the write fails rather than the process dying); the solution
// removes it and answers: `accepted`.
import { expect, it } from 'vitest';
import { parseSandboxConfig } from '../../../worker/config.js';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();

const code = probeSolution(
  'import errno, os',
  String.raw`    chunk = b"x" * (4 * 1024 * 1024)
    written = 0
    try:
        with open("/tmp/huge", "wb", buffering=0) as f:
            while True:
                written += f.write(chunk)
    except OSError as e:
        stopped = errno.errorcode.get(e.errno)
    size = os.path.getsize("/tmp/huge")
    os.remove("/tmp/huge")
    return {"size": size, "stopped": stopped}`,
);

it('stops one huge file at the file size limit', async () => {
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  expect(probeFindings(result)).toEqual({ size: parseSandboxConfig().GRADER_SANDBOX_FILE_SIZE_BYTES, stopped: 'EFBIG' });
  expect(await grader().leftoverContainers()).toEqual([]);
});
