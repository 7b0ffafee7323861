// Removes sandbox containers nobody will remove: those left by dead workers of this queue (the
// owner label names a worker without a live heartbeat in Redis; other queues' and non-worker
// owners' containers are not touched by this rule), those of a process that is gone (its
// guard's work), those of a process of this host that is no longer running (its guard died with
// it: a reboot, a Docker restart, a killed process group), and any sandbox past the deadline on
// its label.
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { DEADLINE_LABEL, JOB_LABEL, OWNER_LABEL, QUEUE_LABEL, SANDBOX_LABEL } from './container-options.js';

export interface ReapDeps {
  docker: Docker;
  queueName: string;
  /** Ids of workers alive now (heartbeat not expired). */
  liveWorkers: () => Promise<Set<string>>;
  logger: Logger;
}

/** Removes dead owners' sandboxes; returns the ids of the removed containers. */
export async function reapSandboxes(deps: ReapDeps): Promise<string[]> {
  const containers = await deps.docker.listContainers({
    all: true,
    filters: { label: [`${SANDBOX_LABEL}=1`, `${QUEUE_LABEL}=${deps.queueName}`, OWNER_LABEL] },
  });
  if (containers.length === 0) return [];
  // Read the live set after listing: a worker that started in between is live, not reaped.
  const live = await deps.liveWorkers();
  const removed: string[] = [];
  for (const info of containers) {
    const owner = info.Labels[OWNER_LABEL];
    if (!owner || live.has(owner)) continue;
    try {
      await deps.docker.getContainer(info.Id).remove({ force: true, v: true });
      removed.push(info.Id);
      deps.logger.warn({ container: info.Id.slice(0, 12), owner, job: info.Labels[JOB_LABEL] }, 'reaped a sandbox of a dead worker');
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue; // removed meanwhile
      deps.logger.error({ err: error, container: info.Id.slice(0, 12) }, 'could not reap a sandbox');
    }
  }
  return removed;
}

/** Every sandbox `owner` created (a worker's shutdown past its deadline; a guard whose process is gone). */
export async function removeOwnSandboxes(docker: Docker, owner: string): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${OWNER_LABEL}=${owner}`] } });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  return containers.length;
}

/** Removes every sandbox (any owner) whose deadline label has passed; returns their ids. */
export async function reapExpired(docker: Docker, now = Date.now(), log: (message: string) => void = console.error): Promise<string[]> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, DEADLINE_LABEL] } });
  const expired = containers.filter((c) => Number(c.Labels[DEADLINE_LABEL]) < now);
  const removed: string[] = [];
  for (const info of expired) {
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      removed.push(info.Id);
      log(
        `removed sandbox ${info.Id.slice(0, 12)} (owner ${info.Labels[OWNER_LABEL] ?? 'none'}): past its deadline of ${new Date(Number(info.Labels[DEADLINE_LABEL])).toISOString()}`,
      );
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue; // removed meanwhile
      log(`could not remove expired sandbox ${info.Id.slice(0, 12)}: ${(error as Error).message}`);
    }
  }
  return removed;
}

/** The host and process id in an owner id `<prefix>-<host>-<pid>-<8 hex>`, or null for another form. */
export function ownerProcess(owner: string): { host: string; pid: number } | null {
  const m = /^[a-z]+-(.+)-(\d+)-[0-9a-f]{8}$/.exec(owner);
  return m ? { host: m[1]!, pid: Number(m[2]) } : null;
}

/** Whether a process of this host runs with that id (EPERM: it runs, as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes every sandbox whose owner is a process of this host that no longer runs: nobody will
 * read or remove it, and its deadline may be most of an hour away. Owners of other hosts (a
 * composed worker's container has a host name of its own) and ids of another form are left to
 * their own guards and the deadline rule. Returns the removed ids.
 */
export async function reapOrphans(
  docker: Docker,
  log: (message: string) => void = console.error,
  host = hostname(),
  runs: (pid: number) => boolean = processRuns,
): Promise<string[]> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, OWNER_LABEL] } });
  const removed: string[] = [];
  for (const info of containers) {
    const owner = info.Labels[OWNER_LABEL] ?? '';
    const origin = ownerProcess(owner);
    if (!origin || origin.host !== host || runs(origin.pid)) continue;
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      removed.push(info.Id);
      log(`removed sandbox ${info.Id.slice(0, 12)} (${info.State}): its owner ${owner} no longer runs on this host`);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue; // removed meanwhile
      log(`could not remove orphaned sandbox ${info.Id.slice(0, 12)}: ${(error as Error).message}`);
    }
  }
  return removed;
}
