// Fleet-wide grading metrics kept in Redis hashes: workers on any host add to them, the server's
// /metrics renders them in the Prometheus text format (with prom-client's own registry and
// BullMQ's queue metrics), so one scrape of the server sees the whole fleet.
import type { Registry } from 'prom-client';
import type { Queue } from 'bullmq';
import type { Store } from './store.js';

/** Upper bounds of the grading-duration histogram, in seconds (a Spark sandbox starts in ~10 s). */
export const DURATION_BUCKETS_S = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

export async function recordGraded(store: Store, labels: { challengeId: string; scope: string; verdict: string }, durationMs: number): Promise<void> {
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

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export async function renderMetrics(store: Store, queue: Queue, registry: Registry): Promise<string> {
  const [verdicts, duration, faults, bull, own] = await Promise.all([
    store.redis.hgetall(store.metricsKey('verdicts')),
    store.redis.hgetall(store.metricsKey('duration')),
    store.redis.hgetall(store.metricsKey('faults')),
    queue.exportPrometheusMetrics(),
    registry.metrics(),
  ]);
  const lines: string[] = [];
  lines.push('# HELP grader_verdicts_total Graded submissions by challenge, scope and overall verdict.', '# TYPE grader_verdicts_total counter');
  for (const [field, count] of Object.entries(verdicts)) {
    const [challenge, scope, verdict] = field.split('|') as [string, string, string];
    lines.push(`grader_verdicts_total{challenge="${esc(challenge)}",scope="${esc(scope)}",verdict="${esc(verdict)}"} ${count}`);
  }
  lines.push('# HELP grader_grading_duration_seconds Claim-to-result time of a grade, by challenge and scope.', '# TYPE grader_grading_duration_seconds histogram');
  const series = new Set(Object.keys(duration).map((f) => f.split('|').slice(0, 2).join('|')));
  for (const s of series) {
    const [challenge, scope] = s.split('|') as [string, string];
    const l = `challenge="${esc(challenge)}",scope="${esc(scope)}"`;
    for (const le of [...DURATION_BUCKETS_S.map(String), '+Inf']) lines.push(`grader_grading_duration_seconds_bucket{${l},le="${le}"} ${duration[`${s}|${le}`] ?? 0}`);
    lines.push(`grader_grading_duration_seconds_sum{${l}} ${duration[`${s}|sum`] ?? 0}`, `grader_grading_duration_seconds_count{${l}} ${duration[`${s}|count`] ?? 0}`);
  }
  lines.push('# HELP grader_sandbox_failures_total Grader faults (Docker, sandbox): retryable ones and final ones (system_error).', '# TYPE grader_sandbox_failures_total counter');
  for (const kind of ['retryable', 'final']) lines.push(`grader_sandbox_failures_total{kind="${kind}"} ${faults[kind] ?? 0}`);
  return `${own.trimEnd()}\n${bull.trimEnd()}\n${lines.join('\n')}\n`;
}
