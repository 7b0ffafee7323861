// Fleet-wide grading counters kept in Redis hashes: workers on any host add to them and the
// server's /metrics reads them, so one scrape of the server sees the whole fleet.
import type { Store } from './store.js';

/** Upper bounds of the grading-duration histogram, in seconds (a Spark sandbox starts in ~10 s). */
export const DURATION_BUCKETS_S = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

export async function recordGraded(
  store: Store,
  labels: { challengeId: string; scope: string; verdict: string },
  durationMs: number,
): Promise<void> {
  const seconds = durationMs / 1000;
  const base = `${labels.challengeId}|${labels.scope}`;
  const tx = store.redis.multi().hincrby(store.metricsKey('verdicts'), `${base}|${labels.verdict}`, 1);
  for (const le of DURATION_BUCKETS_S) if (seconds <= le) tx.hincrby(store.metricsKey('duration'), `${base}|${le}`, 1);
  tx.hincrby(store.metricsKey('duration'), `${base}|+Inf`, 1)
    .hincrby(store.metricsKey('duration'), `${base}|count`, 1)
    .hincrbyfloat(store.metricsKey('duration'), `${base}|sum`, seconds);
  await tx.exec();
}

/** A grader fault: `retryable` (BullMQ will retry) or `final` (the submission became system_error). */
export async function recordFault(store: Store, kind: 'retryable' | 'final'): Promise<void> {
  await store.redis.hincrby(store.metricsKey('faults'), kind, 1);
}

export interface GradingCounters {
  /** `challenge|scope|verdict` -> graded submissions. */
  verdicts: Record<string, string>;
  /** `challenge|scope|<le>` (and `|count`, `|sum`) -> histogram cells of the grading duration, in seconds. */
  duration: Record<string, string>;
  /** `retryable` | `final` -> grader faults. */
  faults: Record<string, string>;
}

export async function readGradingCounters(store: Store): Promise<GradingCounters> {
  const [verdicts, duration, faults] = await Promise.all([
    store.redis.hgetall(store.metricsKey('verdicts')),
    store.redis.hgetall(store.metricsKey('duration')),
    store.redis.hgetall(store.metricsKey('faults')),
  ]);
  return { verdicts, duration, faults };
}
