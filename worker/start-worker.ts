// A grading worker process's life: its sandbox pool warming -> heartbeat (so reapers know it is
// alive) -> reap dead workers' and expired sandboxes -> sweep -> delete interviews past retention
// -> BullMQ worker at the configured
// concurrency; close() drains running grades until a deadline, then removes its sandboxes and
// leaves the jobs to stall over to another worker.
import { MetricsTime, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config.js';
import { connectRedis, ensurePersistence } from '../store/redis.js';
import { Store } from '../store/store.js';
import type { GradeJobData } from '../core/grade-job.js';
import { CancelListener } from './cancel-listener.js';
import { createGraderDeps, requireChallenge } from './grader.js';
import { processGradeJob } from './process-grade-job.js';
import { QUEUE_LABEL } from './sandbox/container-options.js';
import { reapExpired, reapSandboxes, removeOwnSandboxes } from './sandbox/reaper.js';
import { sweepPending } from './sweep-pending.js';

const DAY_MS = 24 * 3600 * 1000;

export interface WorkerHandle {
  workerId: string;
  /** Drains within `GRADER_SHUTDOWN_TIMEOUT_MS`; past it, removes this worker's sandboxes. */
  close(): Promise<'drained' | 'abandoned'>;
}

export async function startWorker(config: WorkerConfig, logger: Logger): Promise<WorkerHandle> {
  // The worker's id is its sandboxes' owner label: reapers match the two.
  const grader = await createGraderDeps(config, {
    poolSize: config.GRADER_POOL_SIZE,
    ownerPrefix: 'worker',
    labels: { [QUEUE_LABEL]: config.GRADER_QUEUE_NAME },
  });
  const workerId = grader.owner;
  const log = logger.child({ workerId });
  const redis = connectRedis(config.GRADER_REDIS_URL, `grader-worker-${workerId}`);
  const blocking = connectRedis(config.GRADER_REDIS_URL, `grader-worker-bull-${workerId}`, { blocking: true });
  await ensurePersistence(redis, log);
  const store = new Store(redis, config.GRADER_KEY_PREFIX);
  const cancels = new CancelListener(connectRedis(config.GRADER_REDIS_URL, `grader-worker-cancel-${workerId}`), store.cancelChannel(), log);
  await cancels.start();
  const queue = new Queue<GradeJobData>(config.GRADER_QUEUE_NAME, { connection: redis });

  const beat = async (): Promise<void> => {
    const dockerOk = await Promise.race([
      grader.docker.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5_000).unref()),
    ]);
    await store.heartbeat(
      workerId,
      { dockerOk, at: Date.now(), queue: config.GRADER_QUEUE_NAME, pool: grader.pool.state() },
      config.GRADER_WORKER_HEARTBEAT_TTL_MS,
    );
  };
  await beat();
  const heartbeat = setInterval(
    () => void beat().catch((error: unknown) => log.warn({ err: error }, 'heartbeat failed')),
    Math.max(1_000, Math.floor(config.GRADER_WORKER_HEARTBEAT_TTL_MS / 3)),
  );

  const liveWorkers = async (): Promise<Set<string>> => new Set((await store.liveWorkers()).keys());
  const maintain = async (): Promise<void> => {
    await reapSandboxes({ docker: grader.docker, queueName: config.GRADER_QUEUE_NAME, liveWorkers, logger: log });
    await reapExpired(grader.docker, Date.now(), (message) => log.warn(message));
    await sweepPending({ store, queue, config, logger: log });
    const expired = await store.deleteInactiveBefore(Date.now() - config.GRADER_RETENTION_DAYS * DAY_MS);
    if (expired.length > 0) log.info({ interviewIds: expired, retentionDays: config.GRADER_RETENTION_DAYS }, 'expired interviews deleted');
  };
  const migrated = await store.migrateSingleChallengeDrafts();
  if (migrated > 0) log.info({ interviews: migrated }, 'drafts of single-challenge interviews moved to their challenge');
  const backfilled = await store.backfillActivity();
  if (backfilled > 0) log.info({ interviews: backfilled }, 'last activity stamped on interviews stored before retention');
  await maintain();
  const maintenance = setInterval(
    () => void maintain().catch((error: unknown) => log.error({ err: error }, 'maintenance failed')),
    config.GRADER_SWEEP_INTERVAL_MS,
  );

  const loadChallenge = (id: string) => requireChallenge(grader.challenges, id);

  let abandoning = false;
  const worker = new Worker<GradeJobData>(
    config.GRADER_QUEUE_NAME,
    (job) =>
      processGradeJob(job, {
        config,
        store,
        grader,
        loadChallenge,
        workerId,
        logger: log,
        abandoning: () => abandoning,
        cancels,
      }),
    {
      connection: blocking,
      concurrency: config.GRADER_WORKER_CONCURRENCY,
      // A dead worker's job is retaken once its lock lapses (lockDuration) and a stalled check
      // (stalledInterval) sees it; after maxStalledCount such restarts it fails (system_error).
      lockDuration: config.GRADER_LOCK_DURATION_MS,
      stalledInterval: config.GRADER_STALLED_INTERVAL_MS,
      maxStalledCount: config.GRADER_MAX_STALLED_COUNT,
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      autorun: false,
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    // A job that failed for good without the processor's own write (stalled too often) becomes system_error now.
    job
      .getState()
      .then(async (state) => {
        if (state !== 'failed') return;
        const record = await store.getSubmission(job.data.submissionId);
        if (record && (await store.finish(record, '*', { status: 'system_error', error: error.message }))) {
          log.warn({ submissionId: record.id, reason: error.message }, 'job failed for good; submission is system_error');
        }
      })
      .catch((e: unknown) => log.error({ err: e }, 'failed-job handling failed'));
  });
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  void worker.run();
  log.info(
    {
      queue: config.GRADER_QUEUE_NAME,
      concurrency: config.GRADER_WORKER_CONCURRENCY,
      poolSize: config.GRADER_POOL_SIZE,
      image: grader.image,
    },
    'worker started',
  );

  return {
    workerId,
    async close() {
      clearInterval(maintenance);
      // Ready members go first: no job will take them now.
      await grader.pool.close().catch((error: unknown) => log.warn({ err: error }, 'closing the sandbox pool failed'));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'abandoned'>((r) => {
        timer = setTimeout(() => r('abandoned'), config.GRADER_SHUTDOWN_TIMEOUT_MS);
      });
      const outcome = await Promise.race([worker.close().then(() => 'drained' as const), deadline]);
      clearTimeout(timer);
      if (outcome === 'abandoned') {
        abandoning = true;
        const removed = await removeOwnSandboxes(grader.docker, workerId).catch((error: unknown) => {
          log.error({ err: error }, "could not remove this worker's sandboxes (its guard and the reapers will)");
          return 0;
        });
        log.warn({ removed }, 'shutdown deadline passed: sandboxes removed, their jobs will be retried by another worker');
      }
      clearInterval(heartbeat);
      await redis
        .del(store.workerKey(workerId))
        .catch((error: unknown) => log.warn({ err: error }, 'heartbeat key not removed (it expires by itself)'));
      if (outcome === 'drained')
        await queue.close().catch((error: unknown) => log.warn({ err: error }, 'queue connection did not close cleanly'));
      redis.disconnect();
      blocking.disconnect();
      cancels.close();
      return outcome;
    },
  };
}
