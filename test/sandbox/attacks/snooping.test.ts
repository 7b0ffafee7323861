// Attack: look for secrets and answers from inside: the environment of every process it can
// read (/proc/*/environ, /proc/*/cmdline), and every readable file of the filesystem for the
// hidden case's expected rows, its rule text and the reference solution, during a Submit's
// public case (when, if anything leaked, it would reach the candidate's own output).
// Must happen: no environment holds a token, password, Redis URL or any GRADER_ setting (Spark's
// own secrets between its JVM and its Python workers, made inside the sandbox, are the only
// secrets there, and they guard nothing outside it); no file anywhere holds an
// expected row, the hidden case's description or the reference; the solution then answers:
// `accepted` for the public case.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();

// From test/fixtures/challenges/group-sum: a hidden expected row, the hidden case's rule, the reference's body.
const MARKERS = ['{"grp":"c","total":null}', 'a group of only nulls sums to null', 'F.sum("n").alias("total")'];

const code = probeSolution(
  'import os, re',
  String.raw`    secrets = re.compile(r"TOKEN|PASSWORD|SECRET|REDIS|GRADER_|ADMIN|AUTH")
    spark_own = {"PYSPARK_GATEWAY_SECRET", "PYTHON_WORKER_FACTORY_SECRET", "SPARK_AUTH_SOCKET_TIMEOUT"}
    env_hits = []
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            environ = open(f"/proc/{pid}/environ", "rb").read().decode("utf-8", "replace").split("\0")
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read().decode("utf-8", "replace")
        except OSError:
            continue
        names = {e.split("=", 1)[0] for e in environ if "=" in e}
        env_hits += [f"{pid}: {n}" for n in sorted(names - spark_own) if secrets.search(n)]
        env_hits += [f"{pid} cmdline: {m}" for m in re.findall(r"(?:TOKEN|PASSWORD|redis://)\S*", cmdline)]
    markers = ${JSON.stringify(MARKERS)}
    own = os.path.realpath(__file__)
    file_hits, scanned = [], 0
    for top in ("/etc", "/opt", "/tmp", "/usr/local", "/home", "/root", "/srv", "/var", "/run", "/mnt"):
        for root, dirs, files in os.walk(top):
            for f in files:
                path = os.path.join(root, f)
                try:
                    if os.path.realpath(path) == own or os.path.getsize(path) > 1024 * 1024:
                        continue
                    data = open(path, "rb").read().decode("utf-8", "replace")
                except OSError:
                    continue
                scanned += 1
                file_hits += [f"{path}: {m}" for m in markers if m in data]
    return {"env": env_hits, "files": file_hits, "scanned": scanned}`,
);

it('finds no secret in any environment and no expected output anywhere on its filesystem', async () => {
  // The solution itself holds the reference's body (it answers correctly): its own file is skipped above.
  const result = await grader().grade('group-sum', code, 'all');
  expect(result.cases[0]).toMatchObject({ name: 'basic', verdict: 'accepted' });
  const found = probeFindings<{ env: string[]; files: string[]; scanned: number }>(result);
  expect(found.env).toEqual([]);
  expect(found.files).toEqual([]);
  expect(found.scanned).toBeGreaterThan(1000);
  expect(await grader().leftoverContainers()).toEqual([]);
});
