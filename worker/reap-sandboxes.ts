// Removes sandbox containers left by dead workers of this queue: a container whose owner label
// names a worker without a live heartbeat in Redis. Containers without an owner label (CLI
// runs, tests) and other queues' containers are never touched.
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { OWNER_LABEL, SANDBOX_LABEL } from './container-options.js';

/** Which queue (fleet) a worker's sandbox belongs to. */
export const QUEUE_LABEL = 'org.pyspark-grader.queue';
/** The BullMQ job (= submission id) a sandbox grades. */
export const JOB_LABEL = 'org.pyspark-grader.job';

export interface ReapDeps {
  docker: Docker;
  queueName: string;
  /** Ids of workers alive now (heartbeat not expired). */
  liveWorkers: () => Promise<Set<string>>;
  logger: Logger;
}

/** Removes dead owners' sandboxes; returns the ids of the removed containers. */
export async function reapSandboxes(deps: ReapDeps): Promise<string[]> {
  const containers = await deps.docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${QUEUE_LABEL}=${deps.queueName}`, OWNER_LABEL] } });
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

/** Every sandbox this worker owns (shutdown past its deadline removes them). */
export async function removeOwnSandboxes(docker: Docker, workerId: string): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${OWNER_LABEL}=${workerId}`] } });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  return containers.length;
}
