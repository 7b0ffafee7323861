// Docker create options for one sandbox container and every label a sandbox carries: each
// isolation setting lives here, in one pure function, so every path (CLI, worker, pool, check,
// tests) gets the same hardening, and every process finds sandboxes by the same labels.
import type Docker from 'dockerode';
import { SECCOMP_SECURITY_OPT } from './seccomp-profile.js';

/** On every sandbox container: what reapers look for. */
export const SANDBOX_LABEL = 'org.pyspark-grader.sandbox';
/** The process that created the sandbox (a worker id, or `cli-...`); its guard removes them when it dies. */
export const OWNER_LABEL = 'org.pyspark-grader.owner';
/** When the sandbox must be gone, in milliseconds since the epoch; any reaper removes it after that. */
export const DEADLINE_LABEL = 'org.pyspark-grader.deadline';
/** Which queue (fleet) a worker's sandbox belongs to. */
export const QUEUE_LABEL = 'org.pyspark-grader.queue';
/** The BullMQ job (= submission id) a sandbox grades. */
export const JOB_LABEL = 'org.pyspark-grader.job';
/** What a sandbox is for: `pool`, `grade`, `reference`, `generate`, `challenges-check`, `challenges-mutate`. */
export const ROLE_LABEL = 'org.pyspark-grader.role';

/** The user (uid:gid) sandbox processes run as; no host account has it. */
export const SANDBOX_USER = '10001:10001';

export interface SandboxLimits {
  /** Memory limit, in bytes; swap is the same number, so no swap at all. */
  memoryBytes: number;
  cpus: number;
  pids: number;
  tmpfsBytes: number;
  fileSizeBytes: number;
  nofile: number;
}

/** How the harness starts Spark: both on in the product; off only to measure them or, for the warm-up, in tests that time nothing. */
export interface HarnessOptions {
  /** Start Spark from the image's class-data archive. */
  cds: boolean;
  /** Run the warm-up workload before the sandbox reports ready. */
  warmUp: boolean;
}

/**
 * CPU weight of a sandbox while Spark starts and warms up, against the normal weight it gets once
 * ready: a member warming in the background only takes CPU a running grade leaves idle, so a
 * refill never slows the Run that emptied the pool.
 */
export const WARMING_CPU_SHARES = 64;
/** Files and folders the scratch tmpfs holds: a Spark job makes a few hundred; an inode fill stops here. */
export const TMPFS_INODES = 65_536;
export const RUNNING_CPU_SHARES = 1024;

export function containerOptions(
  image: string,
  limits: SandboxLimits,
  labels: Record<string, string>,
  harness: HarnessOptions = { cds: true, warmUp: true },
): Docker.ContainerCreateOptions {
  // The JVM heap gets half the container: the rest is for Python, Arrow buffers and the tmpfs.
  const driverMemoryMiB = Math.max(256, Math.floor(limits.memoryBytes / 2 / 1024 / 1024));
  return {
    Image: image,
    // The whole environment: no secrets, no proxy settings, nothing from the worker.
    Env: [
      `HARNESS_CORES=${limits.cpus}`,
      `HARNESS_DRIVER_MEMORY=${driverMemoryMiB}m`,
      ...(harness.cds ? [] : ['HARNESS_CDS=0']),
      ...(harness.warmUp ? [] : ['HARNESS_WARM_UP=0']),
    ],
    User: SANDBOX_USER,
    // Spark resolves its own host name at start-up; with no network it must map to loopback.
    Hostname: 'sandbox',
    WorkingDir: '/tmp',
    // Commands arrive on stdin once Spark is up, one at a time; frames leave on stdout.
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: false,
    Tty: false,
    Labels: { [SANDBOX_LABEL]: '1', ...labels },
    HostConfig: {
      NetworkMode: 'none', // only the loopback interface exists
      ExtraHosts: ['sandbox:127.0.0.1'],
      ReadonlyRootfs: true,
      // Spark unpacks native libraries (snappy, ...) into its temp dir and loads them: exec is needed.
      Tmpfs: { '/tmp': `rw,exec,nosuid,nodev,size=${limits.tmpfsBytes},nr_inodes=${TMPFS_INODES},mode=1777` },
      CapDrop: ['ALL'],
      // The project's own seccomp profile (./seccomp-profile.ts): io_uring, namespaces, BPF and the rest refused.
      SecurityOpt: ['no-new-privileges:true', SECCOMP_SECURITY_OPT],
      Privileged: false,
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      MemorySwappiness: 0,
      OomKillDisable: false,
      NanoCpus: Math.round(limits.cpus * 1e9),
      CpuShares: WARMING_CPU_SHARES,
      PidsLimit: limits.pids,
      Ulimits: [
        { Name: 'nofile', Soft: limits.nofile, Hard: limits.nofile },
        { Name: 'fsize', Soft: limits.fileSizeBytes, Hard: limits.fileSizeBytes },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      Init: true, // reaps the JVM's and Python workers' children
      IpcMode: 'private',
      // Nothing is logged to the host's disk: output is read through the attach stream and capped.
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false, // removed by the runner in `finally`, after its exit state is read
      Binds: [],
      Mounts: [],
    },
  };
}
