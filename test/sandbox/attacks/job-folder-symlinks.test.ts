// Attack: plant symlinks where the next cases' inputs will be written. During the public case
// the solution finds its own case folder under /tmp/cases, and makes every later case's folder
// (and a few guesses at other names) a link to /etc, to the harness's code and to /proc/1/root,
// hoping the inputs land somewhere they can do harm or that something outside follows a link.
// Must happen: the worker reads nothing from the sandbox's files (inputs go in and results come
// out over the command and report streams only), so no link is followed outside the container;
// inside it, the harness refuses to extract an input through a link, which ends that case as the
// candidate's `runtime_error`, never a grader fault; nothing of /etc or the harness reaches the result.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';

const grader = useTestGrader();

const code = [
  'import os',
  'from pyspark.sql import functions as F',
  '',
  'def solve(spark, numbers):',
  '    here = [d for d in os.listdir("/tmp/cases")]',
  '    if len(here) == 1:',
  '        prefix = here[0].rsplit("-", 1)[0]',
  '        targets = ["/etc", "/opt/grader/harness", "/proc/1/root"]',
  '        for i in range(2, 12):',
  '            os.symlink(targets[i % 3], f"/tmp/cases/{prefix}-c{i}")',
  '        os.symlink("/etc", "/tmp/cases/prime")',
  '    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))',
].join('\n');

it('follows no planted link outside the sandbox and blames the candidate for the cases it broke', async () => {
  const result = await grader().grade('group-sum', code, 'all');
  expect(result.cases[0]).toMatchObject({ name: 'basic', verdict: 'accepted' });
  // The harness refuses to extract through the link: the hidden case is the candidate's runtime error.
  expect(result.verdict).toBe('runtime_error');
  expect(result.cases[1]).toMatchObject({ name: 'nulls', verdict: 'runtime_error' });
  expect(result.cases[1]!.message).toContain('escapes its folder');
  const text = JSON.stringify(result);
  for (const leak of ['root:x:0:0', 'grader_harness', 'def extract']) expect(text).not.toContain(leak);
  expect(await grader().leftoverContainers()).toEqual([]);
});
