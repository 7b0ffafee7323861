// One queue job, as a story: read the record -> claim it with a fresh attempt token -> grade in
// the sandbox (progress per case, throttled) -> write the result only if this attempt still holds the
// record. Candidate outcomes are results; grader faults are thrown so BullMQ retries them, and
// the last try (or one retrying cannot fix) ends the submission as system_error.
import { randomUUID } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { GradeJobDataSchema, gradePriority, type GradeJobData } from '../core/grade-job.js';
import type { Challenge } from '../core/load-challenge.js';
import { recordFault, recordGraded } from '../store/grading-counters.js';
import type { Store } from '../store/store.js';
import type { WorkerConfig } from './config.js';
import { GraderFault } from './errors.js';
import type { CancelListener } from './cancel-listener.js';
import { gradeCustomInput } from './grade-custom-input.js';
import type { PlannedCase } from './grade-plan.js';
import { GradeCancelledError, gradeSolution, type GraderDeps } from './grade-solution.js';
import { throttleLatest } from './throttle-latest.js';

export interface GradeJobDeps {
  config: WorkerConfig;
  store: Store;
  grader: GraderDeps;
  loadChallenge: (id: string) => Promise<Challenge>;
  workerId: string;
  logger: Logger;
  /** True once SIGTERM's deadline passed: a failing grade is then the shutdown's doing, not a fault. */
  abandoning: () => boolean;
  /** Tells a running grade that the candidate stopped it. */
  cancels: CancelListener;
}

/** Shortest time between two progress events of one grade, in milliseconds. */
const PROGRESS_INTERVAL_MS = 250;

export type GradeJobOutcome =
  'graded' | 'cancelled' | 'superseded' | 'missing' | 'already_graded' | 'already_system_error' | 'already_cancelled';

export async function processGradeJob(job: Job<GradeJobData>, deps: GradeJobDeps): Promise<GradeJobOutcome> {
  const parsed = GradeJobDataSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed job data: ${parsed.error.message}`);
  const { store, logger } = deps;
  const log = logger.child({ submissionId: parsed.data.submissionId, attempt: job.attemptsMade + 1 });
  const record = await store.getSubmission(parsed.data.submissionId);
  if (!record) {
    log.error('job without a submission record');
    return 'missing';
  }
  if (record.status === 'graded' || record.status === 'system_error' || record.status === 'cancelled') return `already_${record.status}`;

  const attemptToken = randomUUID();
  let claimed = false;
  const cancel = deps.cancels.register(record.id);
  try {
    const challenge = await deps.loadChallenge(record.challengeId);
    const scope = record.kind === 'run' ? 'public' : 'all';
    // The cases the result lists: re-runs are part of their case, not counted apart.
    const casesTotal = record.customInput ? 1 : challenge.cases.filter((c) => scope === 'all' || !c.hidden).length;
    const claim = await store.claim(record, attemptToken, casesTotal);
    if (claim !== 'claimed') return claim === 'missing' ? 'missing' : `already_${claim}`;
    claimed = true;
    // A cancel that came between the acceptance and this claim was marked on the record.
    if ((await store.getSubmission(record.id))?.cancelRequested) {
      await store.finish(record, attemptToken, { status: 'cancelled' });
      return 'cancelled';
    }

    const startedAt = performance.now();
    // Built from the worker's own plan (never from what the sandbox wrote) and throttled: a
    // flood of fast cases costs one Redis write per interval, and the last count always goes out.
    const publish = throttleLatest((event: { caseName: string; hidden: boolean; casesDone: number; casesTotal: number }) => {
      store
        .progress(record, attemptToken, { type: 'progress', submissionId: record.id, challengeId: record.challengeId, ...event })
        .catch((error: unknown) => log.warn({ err: error }, 'progress not published'));
    }, PROGRESS_INTERVAL_MS);
    let result;
    try {
      const request = {
        challenge,
        code: record.code,
        // The job's fair queue priority also orders this worker's grades waiting for a sandbox.
        priority: job.priority || gradePriority(record.kind, 0),
        signal: cancel.signal,
        onCaseDone: (planned: PlannedCase, casesDone: number, total: number) =>
          publish({ caseName: planned.name, hidden: planned.hidden, casesDone, casesTotal: total }),
      };
      result = record.customInput
        ? await gradeCustomInput(deps.grader, { ...request, customInput: record.customInput })
        : await gradeSolution(deps.grader, { ...request, scope });
    } finally {
      publish.flush();
    }
    const written = await store.finish(record, attemptToken, { status: 'graded', result });
    if (!written) {
      log.warn('another attempt took this submission over; result dropped');
      return 'superseded';
    }
    await recordGraded(store, { challengeId: challenge.id, scope, verdict: result.verdict }, performance.now() - startedAt).catch(
      (error: unknown) => log.warn({ err: error }, 'metrics not recorded'),
    );
    log.info({ verdict: result.verdict, ms: Math.round(performance.now() - startedAt) }, 'graded');
    return 'graded';
  } catch (error) {
    if (error instanceof GradeCancelledError) {
      await store.finish(record, attemptToken, { status: 'cancelled' });
      log.info('cancelled by the candidate');
      return 'cancelled';
    }
    if (deps.abandoning()) {
      // Shutdown removed this grade's sandbox. Keep the job active (its lock lapses and another
      // worker restarts it as stalled) instead of counting an attempt or blaming anyone.
      await new Promise<never>(() => undefined);
    }
    const message = (error as Error).message;
    const retryable = !(error instanceof UnrecoverableError) && !(error instanceof GraderFault && !error.retryable);
    const final = !retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await recordFault(store, final ? 'final' : 'retryable').catch(() => undefined);
    log.error({ err: error, final }, final ? 'grader fault; giving up (system_error)' : 'grader fault; will retry');
    if (final) {
      // A fault before the claim (challenge gone) claims now, so the write stays token-guarded.
      if (!claimed) claimed = (await store.claim(record, attemptToken, 0)) === 'claimed';
      if (claimed) await store.finish(record, attemptToken, { status: 'system_error', error: message });
      throw new UnrecoverableError(message);
    }
    throw error;
  } finally {
    cancel.done();
  }
}
