// Puts an accepted submission on the queue at its fair priority (core/grade-job.ts). jobId =
// submission id makes this idempotent: adding the same id again while the job exists is a no-op,
// which is what lets the worker's sweep re-enqueue any record whose enqueue was lost (server died
// between the two writes).
import type { Queue } from 'bullmq';
import { gradePriority, type GradeJobData } from '../core/grade-job.js';
import type { SubmissionRecord } from '../core/submission.js';
import type { StoreConfig } from './config.js';

const DAY_S = 24 * 3600;

export async function enqueueGrade(
  queue: Queue<GradeJobData>,
  config: StoreConfig,
  record: Pick<SubmissionRecord, 'id' | 'interviewId' | 'kind'>,
  /** The interview's work before this one (Store's `queueRank`). */
  rank: number,
): Promise<void> {
  await queue.add(
    'grade',
    { submissionId: record.id, interviewId: record.interviewId },
    {
      jobId: record.id,
      priority: gradePriority(record.kind, rank),
      attempts: config.GRADER_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.GRADER_JOB_BACKOFF_MS },
      // The record in the store is the source of truth; jobs are kept a while for bull-board and the sweep.
      removeOnComplete: { age: DAY_S, count: 10_000 },
      removeOnFail: { age: 7 * DAY_S },
    },
  );
}
