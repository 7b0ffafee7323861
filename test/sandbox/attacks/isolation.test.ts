// Attack surface check: code in the sandbox looks for a way out. It inspects what it can reach
// from the inside and fails loudly (runtime_error naming the finding) if any door is open.
// Must happen: only the loopback interface, a non-root user with no capabilities and
// no-new-privileges, a read-only root, no Docker socket, no secrets in the environment, a
// size-capped /tmp, a pids limit. The solution then answers correctly, so the verdict is `accepted`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

const probe = String.raw`
import os, shutil
from pyspark.sql import functions as F

def findings():
    found = []
    interfaces = sorted(os.listdir("/sys/class/net"))
    if interfaces != ["lo"]:
        found.append(f"network interfaces {interfaces}")
    if os.getuid() == 0 or os.geteuid() == 0:
        found.append("running as root")
    status = open("/proc/self/status").read()
    for field in ("CapEff", "CapPrm", "CapBnd"):
        value = [l.split()[1] for l in status.splitlines() if l.startswith(field + ":")][0]
        if int(value, 16) != 0:
            found.append(f"{field}={value}")
    if "NoNewPrivs:\t1" not in status:
        found.append("no_new_privs not set")
    try:
        open("/etc/owned", "w").write("x")
        found.append("root filesystem is writable")
    except OSError:
        pass
    for sock in ("/var/run/docker.sock", "/run/docker.sock"):
        if os.path.exists(sock):
            found.append(f"{sock} is reachable")
    leaked = [k for k in os.environ if k.startswith("GRADER_") or "TOKEN" in k or "SECRET" in k or "PASSWORD" in k or k.startswith("REDIS")]
    if leaked:
        found.append(f"environment leaks {leaked}")
    total = shutil.disk_usage("/tmp").total
    if total > 2 * 1024**3:
        found.append(f"/tmp is not size-capped ({total} bytes)")
    pids_max = open("/sys/fs/cgroup/pids/pids.max").read().strip() if os.path.exists("/sys/fs/cgroup/pids/pids.max") else open("/sys/fs/cgroup/pids.max").read().strip()
    if pids_max == "max":
        found.append("no pids limit")
    return found

def solve(spark, numbers):
    found = findings()
    if found:
        raise RuntimeError("sandbox escape routes: " + "; ".join(found))
    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))
`;

it('gives the solution only loopback, no privileges, a read-only root and no secrets', async () => {
  const result = await grader.grade('group-sum', probe, 'public');
  expect(result.cases[0]!.message).not.toMatch(/escape routes/);
  expect(result.verdict).toBe('accepted');
  expect(await grader.leftoverContainers()).toEqual([]);
});
