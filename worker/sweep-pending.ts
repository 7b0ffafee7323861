// Keeps "accepted" meaning "will be graded": every unfinished submission must have a job. A
// record whose enqueue was lost (the server died between its two writes) gets its job now; one
// whose job failed for good (stalled too often) becomes system_error. Idempotent, so every
// worker may run it at once.
import { isFinished } from '../core/verdict.js';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config.js';
import { enqueueGrade } from '../store/enqueue.js';
import type { Store } from '../store/store.js';
import type { GradeJobData } from '../core/grade-job.js';

/** Records younger than this are left alone: their server may be adding the job right now. */
const GRACE_MS = 5_000;

export async function sweepPending(deps: {
  store: Store;
  queue: Queue<GradeJobData>;
  config: WorkerConfig;
  logger: Logger;
}): Promise<{ enqueued: number; failed: number }> {
  const { store, queue, logger } = deps;
  let enqueued = 0;
  let failed = 0;
  for (const id of await store.pendingBefore(Date.now() - GRACE_MS)) {
    const job = await queue.getJob(id);
    if (!job) {
      const record = await store.getSubmission(id);
      if (!record || isFinished(record.status)) continue;
      await enqueueGrade(queue, deps.config, record, await store.queueRank(record));
      enqueued += 1;
      logger.warn({ submissionId: id }, 'accepted submission had no job; enqueued it');
      continue;
    }
    if ((await job.getState()) === 'failed') {
      const record = await store.getSubmission(id);
      if (record && (await store.finish(record, '*', { status: 'system_error', error: job.failedReason || 'job failed' }))) {
        failed += 1;
        logger.warn({ submissionId: id, reason: job.failedReason }, 'job failed for good; submission is system_error');
      }
    }
  }
  return { enqueued, failed };
}
