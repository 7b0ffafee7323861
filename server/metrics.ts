// /metrics in the Prometheus text format: the fleet's grading counters from Redis, BullMQ's queue
// metrics and this process's own (prom-client's registry).
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { DURATION_BUCKETS_S, readGradingCounters } from '../store/grading-counters.js';
import type { Store } from '../store/store.js';

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export async function renderMetrics(store: Store, queue: Queue, registry: Registry): Promise<string> {
  const [{ verdicts, duration, faults }, bull, own, workers] = await Promise.all([
    readGradingCounters(store),
    queue.exportPrometheusMetrics(),
    registry.metrics(),
    store.liveWorkers(),
  ]);
  const lines: string[] = [];
  lines.push(
    '# HELP grader_verdicts_total Graded submissions by challenge, scope and overall verdict.',
    '# TYPE grader_verdicts_total counter',
  );
  for (const [field, count] of Object.entries(verdicts)) {
    const [challenge, scope, verdict] = field.split('|') as [string, string, string];
    lines.push(`grader_verdicts_total{challenge="${esc(challenge)}",scope="${esc(scope)}",verdict="${esc(verdict)}"} ${count}`);
  }
  lines.push(
    '# HELP grader_grading_duration_seconds Claim-to-result time of a grade, by challenge and scope.',
    '# TYPE grader_grading_duration_seconds histogram',
  );
  const series = new Set(Object.keys(duration).map((f) => f.split('|').slice(0, 2).join('|')));
  for (const s of series) {
    const [challenge, scope] = s.split('|') as [string, string];
    const l = `challenge="${esc(challenge)}",scope="${esc(scope)}"`;
    for (const le of [...DURATION_BUCKETS_S.map(String), '+Inf'])
      lines.push(`grader_grading_duration_seconds_bucket{${l},le="${le}"} ${duration[`${s}|${le}`] ?? 0}`);
    lines.push(
      `grader_grading_duration_seconds_sum{${l}} ${duration[`${s}|sum`] ?? 0}`,
      `grader_grading_duration_seconds_count{${l}} ${duration[`${s}|count`] ?? 0}`,
    );
  }
  lines.push(
    '# HELP grader_sandbox_failures_total Grader faults (Docker, sandbox): retryable ones and final ones (system_error).',
    '# TYPE grader_sandbox_failures_total counter',
  );
  for (const kind of ['retryable', 'final']) lines.push(`grader_sandbox_failures_total{kind="${kind}"} ${faults[kind] ?? 0}`);
  // Each live worker's sandbox pool, from its heartbeat.
  const gauges = [
    ['target', 'target', "Members a worker's pool keeps ready or warming."],
    ['ready', 'ready', 'Pool members up, warm and waiting for a job.'],
    ['warming', 'warming', 'Pool members starting.'],
    ['inUse', 'in_use', 'Pool members running a grade.'],
    ['waiting', 'waiting', 'Grades waiting for a pool member.'],
  ] as const;
  const counters = [
    ['handedOut', 'handed_out', 'Pool members handed to a grade.'],
    ['replacedIdle', 'replaced_idle', 'Pool members replaced after waiting too long.'],
    ['failedStarts', 'failed_starts', 'Pool member starts that failed.'],
  ] as const;
  for (const [field, name, help] of gauges) {
    lines.push(`# HELP grader_pool_${name} ${help}`, `# TYPE grader_pool_${name} gauge`);
    for (const [id, beat] of workers)
      if (beat.pool) lines.push(`grader_pool_${name}{worker="${esc(id)}",queue="${esc(beat.queue)}"} ${beat.pool[field]}`);
  }
  for (const [field, name, help] of counters) {
    lines.push(`# HELP grader_pool_${name}_total ${help}`, `# TYPE grader_pool_${name}_total counter`);
    for (const [id, beat] of workers)
      if (beat.pool) lines.push(`grader_pool_${name}_total{worker="${esc(id)}",queue="${esc(beat.queue)}"} ${beat.pool[field]}`);
  }
  return `${own.trimEnd()}\n${bull.trimEnd()}\n${lines.join('\n')}\n`;
}
