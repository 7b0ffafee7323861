import { describe, expect, it } from 'vitest';
import { containerOptions, SANDBOX_LABEL } from './container-options.js';
import { SECCOMP_PROFILE, SECCOMP_SECURITY_OPT } from './seccomp-profile.js';

const limits = {
  memoryBytes: 2 * 1024 ** 3,
  cpus: 2,
  pids: 512,
  tmpfsBytes: 640 * 1024 ** 2,
  fileSizeBytes: 256 * 1024 ** 2,
  nofile: 4096,
};
const options = containerOptions('grader-pyspark:test', limits, { 'org.pyspark-grader.owner': 'w1' });
const host = options.HostConfig!;

describe('containerOptions', () => {
  it.each([
    ['no network but loopback', host.NetworkMode, 'none'],
    ['a read-only root', host.ReadonlyRootfs, true],
    ['every capability dropped', host.CapDrop, ['ALL']],
    ["no new privileges and the project's seccomp profile", host.SecurityOpt, ['no-new-privileges:true', SECCOMP_SECURITY_OPT]],
    ['not privileged', host.Privileged, false],
    ['memory limit', host.Memory, limits.memoryBytes],
    ['swap equal to memory (no swap)', host.MemorySwap, limits.memoryBytes],
    ['CPU quota', host.NanoCpus, 2_000_000_000],
    ['a low CPU weight until Spark is warm (raised once ready)', host.CpuShares, 64],
    ['pids limit', host.PidsLimit, 512],
    ['no bind mounts', host.Binds, []],
    ['no mounts', host.Mounts, []],
    ['no logs on the host disk', host.LogConfig?.Type, 'none'],
    ['a non-root user', options.User, '10001:10001'],
    ['an init process to reap children', host.Init, true],
  ])('sets %s', (_what, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it("passes the seccomp profile as the engine's JSON, refusing io_uring and new namespaces", () => {
    const profile = JSON.parse(SECCOMP_SECURITY_OPT.slice('seccomp='.length)) as typeof SECCOMP_PROFILE;
    expect(profile).toEqual(SECCOMP_PROFILE);
    const refused = profile.syscalls.filter((r) => !('args' in r)).flatMap((r) => r.names);
    expect(refused).toEqual(
      expect.arrayContaining(['io_uring_setup', 'io_uring_enter', 'io_uring_register', 'unshare', 'setns', 'bpf', 'clone3']),
    );
    // clone is refused only with a namespace flag (threads and fork still work).
    expect(profile.syscalls.filter((r) => r.names.includes('clone')).map((r) => r.args?.[0]?.value)).toHaveLength(7);
  });

  it('caps the scratch tmpfs in bytes and files and keeps it executable for native libraries', () => {
    expect(host.Tmpfs).toEqual({ '/tmp': `rw,exec,nosuid,nodev,size=${limits.tmpfsBytes},nr_inodes=65536,mode=1777` });
  });

  it('sets nofile, fsize and core ulimits', () => {
    expect(host.Ulimits).toEqual([
      { Name: 'nofile', Soft: 4096, Hard: 4096 },
      { Name: 'fsize', Soft: limits.fileSizeBytes, Hard: limits.fileSizeBytes },
      { Name: 'core', Soft: 0, Hard: 0 },
    ]);
  });

  it('labels the container for the reaper, keeping the caller labels', () => {
    expect(options.Labels).toEqual({ [SANDBOX_LABEL]: '1', 'org.pyspark-grader.owner': 'w1' });
  });

  it('passes no environment but the harness sizing', () => {
    expect(options.Env).toEqual(['HARNESS_CORES=2', 'HARNESS_DRIVER_MEMORY=1024m']);
  });

  it('tells the harness when to start without the class-data archive or the warm-up', () => {
    const plain = containerOptions('grader-pyspark:test', limits, {}, { cds: false, warmUp: false });
    expect(plain.Env).toEqual(['HARNESS_CORES=2', 'HARNESS_DRIVER_MEMORY=1024m', 'HARNESS_CDS=0', 'HARNESS_WARM_UP=0']);
  });

  it('keeps stdin open for the job and does not allocate a TTY', () => {
    expect([options.OpenStdin, options.StdinOnce, options.Tty]).toEqual([true, false, false]);
  });
});
