// Removes sandbox containers nobody will remove: those left by dead workers of this queue (the
// owner label names a worker without a live heartbeat in Redis; other queues' and non-worker
// owners' containers are not touched by this rule), those of a process that is gone (its
// guard's work), and any sandbox past the deadline on its label.
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
