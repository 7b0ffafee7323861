// Attack: precompute the timed case's answer outside its clock: look for its input, or for the
// generator script and seed that would make it, during earlier (untimed) cases and while the
// module is imported.
// Must happen: timed inputs are made by the trusted side (a sandbox of their own, cached) and
// delivered only when that case's clock starts; the generator and its seed never enter the
// candidate's sandbox. The probe finds nothing before the timed case and the input in it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';
import { CONTROL_CHANNEL } from './control-channel.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

const probe = `${CONTROL_CHANNEL}
def look(own=None):
    found = []
    for folder, dirs, files in os.walk("/"):
        if folder.startswith(("/proc", "/sys", "/opt/grader/venv", "/opt/grader/harness", "/usr", "/dev")):
            dirs[:] = []
            continue
        if own and folder.startswith(own):
            continue  # the running case's own inputs
        for name in files:
            if name.endswith(".parquet") or name == "scale.py" or "generat" in name:
                found.append(os.path.join(folder, name))
    return sorted(found)

print("at import:", look())

def solve(spark, numbers):
    own = "/tmp/cases/" + current_case()
    print("found:", look(own), "own:", look()[:1] if numbers.count() > 1000 else [])
    return total(numbers)
`;

it('delivers the timed input only with its case, and never the generator', async () => {
  const result = await grader.grade('timed-sum', probe);
  for (const name of ['basic', 'nulls']) {
    expect(result.cases.find((c) => c.name === name)!.stdout).toContain('found: []');
  }
  const scale = result.cases.find((c) => c.name === 'scale')!;
  expect(scale.stdout).toMatch(/found: \[\] own: \['\/tmp\/cases\/s1-c\d+\/numbers\/part-[^']*\.parquet'\]/);
  expect(scale.stdout).not.toMatch(/scale\.py|generat/);
  expect(await grader.leftoverContainers()).toEqual([]);
});
