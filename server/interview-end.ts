// Ending interviews from the server: one interview now (an interviewer or the admin ends it, or
// a request found its deadline passed), and a sweep that ends every timed interview whose
// deadline has passed. Ending submits the candidate's last saved draft of each challenge in the
// same Redis step; their jobs are enqueued here, and if that is lost the workers' sweep enqueues them.
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { GradeJobData } from '../core/grade-job.js';
import type { EndedBy, Interview } from '../core/interview.js';
import { enqueueGrade } from '../store/enqueue.js';
import type { StoreConfig } from '../store/config.js';
import type { EndOutcome, InterviewLifecycle } from '../store/interview-lifecycle.js';
import { InterviewEndedError, type Store } from '../store/store.js';

export interface EndDeps {
  store: Store;
  lifecycle: InterviewLifecycle;
  queue: Queue<GradeJobData>;
  logger: Logger;
}

export async function endInterview(
  deps: EndDeps,
  config: StoreConfig,
  interview: Pick<Interview, 'id' | 'challenges'>,
  by: EndedBy,
): Promise<EndOutcome> {
  const ended = await deps.lifecycle.end(interview, by);
  if (ended.outcome === 'ended') {
    deps.logger.info({ interviewId: interview.id, by, submitted: ended.submissions.map((s) => s.id) }, 'interview ended');
    for (const record of ended.submissions) {
      const rank = await deps.store.queueRank(record);
      await enqueueGrade(deps.queue, config, record, rank).catch((error: unknown) =>
        deps.logger.error({ err: error, submissionId: record.id }, 'enqueue of the final submission failed; the sweep will enqueue it'),
      );
    }
  }
  return ended;
}

/**
 * Runs a write that Redis refuses once the interview has ended; when it was refused because the
 * deadline passed before the sweep got there, the interview is ended now (its final submission
 * made), then the refusal goes on to the client as the 409 the error handler makes of it.
 */
export async function unlessEnded<T>(
  deps: EndDeps,
  config: StoreConfig,
  interview: Pick<Interview, 'id' | 'challenges'>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof InterviewEndedError) await endInterview(deps, config, interview, 'deadline');
    throw error;
  }
}

/** Ends every interview past its deadline every `intervalMs`; stop it with the returned function. */
export function startDeadlineSweep(deps: EndDeps, config: StoreConfig, intervalMs: number): () => void {
  let running = false;
  const sweep = async (): Promise<void> => {
    for (const id of await deps.lifecycle.dueBefore(Date.now())) {
      const interview = await deps.store.getInterview(id);
      if (interview) await endInterview(deps, config, interview, 'deadline');
      else await deps.store.redis.zrem(deps.store.deadlinesKey(), id);
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'deadline sweep failed; the next one retries'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
