// What Spark itself measured for a case, as the interviewer reads it: the findings first, then
// the solution's totals beside the reference's, then the longest stages of each with their task
// times drawn as a small box (min to 75th percentile, a whisker to the slowest task). A whole
// submission's findings are gathered at the top of its result, where the scorecard links to.
// Everything here was measured inside the sandbox: labelled so, never part of a verdict.
import type { CaseResult } from '../../../core/grade-result.js';
import type { Finding } from '../../../core/spark-findings.js';
import type { SparkMetrics, StageMetrics } from '../../../core/spark-metrics.js';
import { h } from '../dom.js';

/** Stages listed per side. */
const STAGES_SHOWN = 6;
const MEASURED_NOTE = 'Measured by Spark inside the sandbox: informational, never part of the verdict.';

/** The id of a submission's findings block, for links from the scorecard. */
export function findingsAnchor(submissionId: string): string {
  return `spark-findings-${submissionId}`;
}

function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

const TOTALS: [string, (m: SparkMetrics) => string][] = [
  ['Jobs / stages / tasks', (m) => `${m.jobs} / ${m.stages} / ${m.tasks}${m.failedTasks ? ` (${m.failedTasks} failed)` : ''}`],
  ['Rows read from inputs', (m) => count(m.inputRows)],
  ['Shuffle read', (m) => `${bytes(m.shuffleReadBytes)}, ${count(m.shuffleReadRows)} rows`],
  ['Shuffle write', (m) => `${bytes(m.shuffleWriteBytes)}, ${count(m.shuffleWriteRows)} rows`],
  ['Spill (memory / disk)', (m) => `${bytes(m.spillMemoryBytes)} / ${bytes(m.spillDiskBytes)}`],
  ['Peak execution memory (a task)', (m) => bytes(m.peakExecutionMemoryBytes)],
  ['Rows through Python', (m) => count(m.pythonRows)],
  ['Collected to the driver by the solution', (m) => bytes(m.collectedBytes)],
  ['Broadcasts', (m) => (m.broadcastBytes.length ? m.broadcastBytes.map(bytes).join(', ') : 'none')],
];

function totalsTable(metrics: SparkMetrics, reference?: SparkMetrics): HTMLElement {
  return h(
    'table',
    { class: 'spark-totals' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'Solution'), reference ? h('th', {}, 'Reference') : null)),
    h(
      'tbody',
      {},
      TOTALS.map(([label, value]) =>
        h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value(metrics)), reference ? h('td', {}, value(reference)) : null),
      ),
    ),
  );
}

/** Task times of a stage as a box from min to the 75th percentile and a whisker to the slowest, on a shared scale. */
function spreadBar(stage: StageMetrics, scaleMs: number): HTMLElement {
  const pct = (ms: number) => `${((ms / Math.max(scaleMs, 1)) * 100).toFixed(1)}%`;
  const whisker = h('span', { class: 'spread-whisker' });
  whisker.style.left = pct(stage.taskMs.min);
  whisker.style.width = pct(stage.taskMs.max - stage.taskMs.min);
  const box = h('span', { class: 'spread-box' });
  box.style.left = pct(stage.taskMs.min);
  box.style.width = pct(Math.max(stage.taskMs.p75 - stage.taskMs.min, 0));
  const median = h('span', { class: 'spread-median' });
  median.style.left = pct(stage.taskMs.median);
  const t = stage.taskMs;
  return h(
    'span',
    {
      class: 'spread',
      role: 'img',
      'aria-label': `task times: min ${t.min} ms, median ${Math.round(t.median)} ms, 75th percentile ${Math.round(t.p75)} ms, max ${t.max} ms`,
      title: `min ${t.min} ms · median ${Math.round(t.median)} ms · p75 ${Math.round(t.p75)} ms · max ${t.max} ms`,
    },
    whisker,
    box,
    median,
  );
}

function stageTable(title: string, metrics: SparkMetrics): HTMLElement {
  const stages = metrics.stageList.slice(0, STAGES_SHOWN);
  const scale = Math.max(...stages.map((s) => s.taskMs.max), 1);
  return h(
    'div',
    { class: 'spark-stages' },
    h('h5', {}, title),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Stage', 'Runs', 'Tasks', 'Duration', 'Task times', 'Rows per task (max / p75)'].map((t) => h('th', {}, t)),
        ),
      ),
      h(
        'tbody',
        {},
        stages.map((s) =>
          h(
            'tr',
            {},
            h('td', {}, String(s.stageId)),
            h('td', { class: 'stage-runs' }, (s.keys.length ? s.keys : s.operators).join('; ') || s.name),
            h('td', {}, String(s.tasks)),
            h('td', {}, `${s.durationMs} ms`),
            h('td', {}, spreadBar(s, scale)),
            h('td', {}, `${count(s.taskRows.max)} / ${count(Math.round(s.taskRows.p75))}`),
          ),
        ),
      ),
    ),
    metrics.truncated ? h('p', { class: 'muted' }, 'More stages ran than are listed.') : null,
  );
}

function findingsList(findings: Finding[]): HTMLElement {
  return findings.length
    ? h(
        'ul',
        { class: 'spark-findings' },
        findings.map((f) => h('li', { 'data-finding': f.kind }, f.text)),
      )
    : h('p', { class: 'spark-findings-none' }, 'No skew, spill, rows through Python, costly joins or large collects.');
}

/** One case's Spark panel (the interviewer's), or null when the case has no metrics. */
export function renderSparkPanel(c: CaseResult): HTMLElement | null {
  if (!c.metrics && !c.findings) return null;
  const findings = c.findings ?? [];
  return h(
    'details',
    { class: 'spark-panel', open: findings.length > 0 ? true : null, 'aria-label': `Spark metrics of case ${c.name}` },
    h('summary', {}, 'Spark', findings.length ? ` — ${findings.length} finding${findings.length === 1 ? '' : 's'}` : ''),
    h('p', { class: 'muted' }, MEASURED_NOTE),
    findingsList(findings),
    c.metrics ? totalsTable(c.metrics, c.referenceMetrics) : null,
    h(
      'div',
      { class: 'spark-stage-tables' },
      c.metrics ? stageTable('Longest stages: solution', c.metrics) : null,
      c.referenceMetrics ? stageTable('Longest stages: reference', c.referenceMetrics) : null,
    ),
  );
}

/** Every case's findings of one submission, at the top of its result. */
export function renderSubmissionFindings(cases: CaseResult[], submissionId?: string): HTMLElement | null {
  if (!cases.some((c) => c.metrics || c.findings)) return null;
  const all = cases.flatMap((c) => (c.findings ?? []).map((f) => ({ c, f })));
  return h(
    'section',
    { class: 'spark-summary', id: submissionId ? findingsAnchor(submissionId) : null, 'aria-label': 'Spark findings' },
    h('h4', {}, 'Spark findings'),
    h('p', { class: 'muted' }, MEASURED_NOTE),
    all.length
      ? h(
          'ul',
          { class: 'spark-findings' },
          all.map(({ c, f }) => h('li', { 'data-finding': f.kind }, h('strong', {}, `${c.name}: `), f.text)),
        )
      : h('p', { class: 'spark-findings-none' }, 'No skew, spill, rows through Python, costly joins or large collects in any case.'),
  );
}
