// Attack: bring in code at run time: `pip install` from the index, writing a module into the
// image's site-packages, and a package installed under the sandbox's home, hoping it outlives
// the grade.
// Must happen: pip cannot reach any index (no network) and the image is read-only; what the
// solution writes under its home lives in its own tmpfs and is gone with the container: a
// second grade in a new sandbox finds nothing of it. Both grades answer: `accepted`.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();

const install = probeSolution(
  'import os, subprocess, sys, site',
  String.raw`    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--retries", "0", "--timeout", "3", "--no-cache-dir", "tabulate==0.9.0"],
        capture_output=True, text=True, timeout=60,
    )
    try:
        with open(os.path.join(site.getsitepackages()[0], "planted.py"), "w") as f:
            f.write("x = 1\n")
        image = "written"
    except OSError as e:
        image = type(e).__name__
    home = os.path.join(site.getusersitepackages())
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, "planted_user.py"), "w") as f:
        f.write("x = 1\n")
    return {"pip": pip.returncode, "pip_said": pip.stdout[-300:] + pip.stderr[-300:], "image": image}`,
);

const look = probeSolution(
  'import importlib.util',
  String.raw`    return {name: importlib.util.find_spec(name) is not None for name in ("tabulate", "planted", "planted_user")}`,
);

it('installs nothing from an index, writes nothing into the image, and keeps nothing for the next sandbox', async () => {
  const first = await grader().grade('group-sum', install, 'public');
  expect(first.verdict).toBe('accepted');
  const found = probeFindings<{ pip: number; pip_said: string; image: string }>(first);
  expect(found.pip).not.toBe(0);
  expect(found.pip_said).toMatch(
    /No matching distribution|Could not find a version|NewConnectionError|Temporary failure in name resolution/,
  );
  expect(found.image).toMatch(/^(OSError|PermissionError)$/);
  const second = await grader().grade('group-sum', look, 'public');
  expect(second.verdict).toBe('accepted');
  expect(probeFindings(second)).toEqual({ tabulate: false, planted: false, planted_user: false });
  expect(await grader().leftoverContainers()).toEqual([]);
});
