// One submission's result as both roles read it: a summary naming the failed cases, timing
// against the budget, then each case, the failed ones first and open, the passed ones closed
// (verdict, message, the output beside the expected rows, a Spark error's sentence and
// suggestion with its plan and traceback behind disclosures, printed output). The interviewer
// additionally gets plan text, plan insights, the Spark panel and logs (fields the server only
// sends to that role); the candidate gets a public case's Spark findings in short form.
// A Run that passes says "Examples passed": it ran the public examples only.
import type { CaseResult, TimingSummary } from '../../../core/grade-result.js';
import type { PlanInsights } from '../../../core/plan-insights.js';
import type { CaseView, ResultView, SubmissionSummary } from '../../../core/views/submission-view.js';
import { formatMs, h } from '../dom.js';
import './case-results.css';
import { renderAligned, renderDiffTable, renderRowsTable } from './diff-table.js';
import { readSparkError } from './spark-error.js';
import { renderSparkPanel, renderSubmissionFindings } from './spark-panel.js';
import { outcomeBadge, verdictBadge } from './verdicts.js';

export interface ResultOptions {
  /** Output column names, in order, for diff tables. */
  columns: string[];
  /** Called with a solution.py line number when the reader clicks it in a traceback. */
  onJumpToLine?: (line: number) => void;
  /** The submission's code: where a Spark error's unresolved name was written is looked up in it. */
  code?: string;
  /** Show each case's time (the interviewer's view; a candidate's Run is not timed). Default true. */
  caseTimes?: boolean;
  /** The submission shown: its Spark findings get an anchor the scorecard links to. */
  submissionId?: string;
}

/** A message longer than this shows its first line, the rest behind a disclosure, when a table says it too. */
const LONG_MESSAGE_CHARS = 300;

export function renderTiming(timing: TimingSummary): HTMLElement {
  const fill = h('div', { class: 'meter-fill' });
  fill.style.width = `${(Math.min(timing.ratio / timing.budgetRatio, 1) * 100).toFixed(1)}%`;
  return h(
    'div',
    { class: `timing ${timing.withinBudget ? 'within' : 'over'}` },
    h(
      'p',
      {},
      h('strong', {}, 'Timing: '),
      `${formatMs(timing.candidateMs)} vs the reference's ${formatMs(timing.referenceMs)} on the timed cases: `,
      h('strong', {}, `${timing.ratio.toFixed(2)}×`),
      ` (budget ${timing.budgetRatio}×) — `,
      timing.withinBudget ? 'within budget' : 'over budget',
    ),
    h(
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-label': 'time used of the budget',
        'aria-valuemin': 0,
        'aria-valuemax': timing.budgetRatio,
        'aria-valuenow': Number(timing.ratio.toFixed(2)),
      },
      fill,
    ),
  );
}

/** Traceback text with every `solution.py, line N` turned into a button that jumps to line N. */
export function renderTraceback(traceback: string, onJump?: (line: number) => void): HTMLElement {
  const pre = h('pre', { class: 'traceback' });
  const pattern = /(File "solution\.py", line )(\d+)/g;
  let last = 0;
  for (const m of traceback.matchAll(pattern)) {
    pre.append(traceback.slice(last, m.index) + m[1]);
    const line = Number(m[2]);
    pre.append(
      onJump
        ? h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'data-line': line,
              onclick: () => onJump(line),
              'aria-label': `Go to line ${line} in the editor`,
            },
            String(line),
          )
        : String(line),
    );
    last = m.index + m[0].length;
  }
  pre.append(traceback.slice(last));
  return pre;
}

/** "2 shuffles, SortMergeJoin ×1, 1 Python UDF node": a plan's insights in words. */
export function describeInsights(p: PlanInsights): string {
  const parts = [`${p.shuffles} shuffle${p.shuffles === 1 ? '' : 's'}`];
  if (p.broadcasts) parts.push(`${p.broadcasts} broadcast${p.broadcasts === 1 ? '' : 's'}`);
  for (const [join, n] of Object.entries(p.joins)) parts.push(`${join} ×${n}`);
  if (p.pythonUdfNodes) parts.push(`${p.pythonUdfNodes} Python UDF node${p.pythonUdfNodes === 1 ? '' : 's'}`);
  if (p.cartesianProducts) parts.push(`${p.cartesianProducts} Cartesian product${p.cartesianProducts === 1 ? '' : 's'}`);
  if (p.broadcastNestedLoopJoins)
    parts.push(`${p.broadcastNestedLoopJoins} nested-loop join${p.broadcastNestedLoopJoins === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function renderCase(c: CaseView, options: ResultOptions): HTMLElement {
  const detailed = c.message !== undefined; // hidden cases reach the candidate as a verdict only
  const full = 'timed' in c ? c : undefined; // the interviewer's case: plans and the reference's time too
  const passed = c.verdict === 'accepted';
  const showTime = options.caseTimes !== false && c.timeMs !== undefined && c.timeMs !== null;
  const summary = h(
    'summary',
    { class: 'case-summary' },
    h(
      'span',
      { class: 'case-title' },
      c.hidden ? h('span', { class: 'tag' }, 'hidden') : h('span', { class: 'tag tag-public' }, 'public'),
      ' ',
      h('strong', {}, c.name),
      ' ',
      verdictBadge(c.verdict),
      showTime
        ? h(
            'span',
            { class: 'muted case-time' },
            ` ${formatMs(c.timeMs!)}${full?.referenceTimeMs ? ` (reference ${formatMs(full.referenceTimeMs)})` : ''}`,
          )
        : null,
    ),
    c.description ? h('span', { class: 'muted case-description' }, c.description) : null,
  );
  const parts: (HTMLElement | null)[] = [summary];
  if (!detailed && c.hidden)
    parts.push(
      h(
        'p',
        { class: 'muted' },
        passed
          ? 'Passed. Hidden cases show pass or fail only.'
          : 'Failed. Hidden cases show pass or fail only; check edge cases the statement mentions.',
      ),
    );
  const table = c.aligned ?? c.diff;
  if (c.message && !passed) parts.push(renderMessage(c.message, table !== undefined && !c.error));
  if (c.aligned) parts.push(renderAligned(c.aligned, c.diff));
  else if (c.diff) parts.push(renderDiffTable(c.diff, options.columns));
  if (c.error) parts.push(renderError(c.error, options));
  if (c.stdout) parts.push(h('details', { class: 'stdout' }, h('summary', {}, 'Printed output'), h('pre', {}, c.stdout)));
  if (c.candidateInsights && !full)
    parts.push(
      h('p', { class: 'spark-insights', title: 'Measured by Spark in the sandbox' }, h('strong', {}, 'Spark: '), c.candidateInsights),
    );
  if (full?.planInsights) {
    parts.push(
      h(
        'p',
        { class: 'plan-insights' },
        h('strong', {}, 'Plan: '),
        describeInsights(full.planInsights),
        full.referencePlanInsights ? h('span', { class: 'muted' }, ` (reference: ${describeInsights(full.referencePlanInsights)})`) : null,
      ),
    );
  }
  if (full) parts.push(renderSparkPanel(full));
  if (full?.planText) parts.push(h('details', { class: 'plan' }, h('summary', {}, 'Physical plan'), h('pre', {}, full.planText)));
  return h(
    'details',
    { class: `case case-${c.verdict}`, 'data-case': c.name, 'aria-label': `case ${c.name}`, open: passed ? null : true },
    parts,
  );
}

/** The case's message; a long one that a table shows too keeps its first line in view, the rest behind a disclosure. */
function renderMessage(message: string, tabled: boolean): HTMLElement {
  const firstLine = message.split('\n', 1)[0]!;
  if (!tabled || message.length <= LONG_MESSAGE_CHARS) return h('p', { class: 'case-message' }, message);
  return h(
    'div',
    { class: 'case-message' },
    h('p', {}, firstLine.length > LONG_MESSAGE_CHARS ? `${firstLine.slice(0, LONG_MESSAGE_CHARS)}…` : firstLine),
    h('details', {}, h('summary', {}, 'The whole message'), h('pre', { class: 'message-text' }, message)),
  );
}

/** An error as the candidate can act on it: Spark's sentence and suggestion, where to look, then the plan and traceback folded. */
function renderError(error: NonNullable<CaseView['error']>, options: ResultOptions): HTMLElement {
  const read = readSparkError(error, options.code ?? '');
  const jump = read.line && options.onJumpToLine ? read.line : null;
  return h(
    'div',
    { class: 'error-block' },
    h('p', {}, h('strong', {}, error.type), ': ', read.headline),
    read.suggestion ? h('p', { class: 'error-suggestion' }, h('strong', {}, 'Spark suggests: '), read.suggestion) : null,
    jump
      ? h(
          'button',
          { type: 'button', class: 'secondary small error-jump', 'data-line': jump.line, onclick: () => options.onJumpToLine!(jump.line) },
          jump.found === 'name'
            ? `Go to line ${jump.line}, where \`${read.unresolved}\` is written`
            : `Go to line ${jump.line}, where the error was raised`,
        )
      : null,
    read.line && !options.onJumpToLine
      ? h(
          'p',
          { class: 'muted' },
          read.line.found === 'name' ? `Line ${read.line.line} writes \`${read.unresolved}\`.` : `Raised at line ${read.line.line}.`,
        )
      : null,
    read.plan ? h('details', { class: 'error-plan' }, h('summary', {}, "Spark's plan"), h('pre', {}, read.plan)) : null,
    error.traceback
      ? h('details', { class: 'error-traceback' }, h('summary', {}, 'Traceback'), renderTraceback(error.traceback, options.onJumpToLine))
      : null,
  );
}

/** The cases as the interviewer's view carries them (with plans and metrics), or null for the candidate's. */
function interviewerCases(cases: CaseView[]): CaseResult[] | null {
  return cases.every((c) => 'timed' in c) ? (cases as CaseResult[]) : null;
}

export function renderResult(result: ResultView, options: ResultOptions): HTMLElement {
  const failed = result.cases.filter((c) => c.verdict !== 'accepted');
  const run = result.scope === 'public';
  const n = result.cases.length;
  const custom = result.custom;
  const line = custom
    ? failed.length === 0
      ? [h('span', { class: 'badge verdict-accepted', 'data-verdict': 'accepted' }, 'Matches the reference'), ' on your own rows']
      : [verdictBadge(result.verdict), ' on your own rows']
    : failed.length === 0
      ? run
        ? [
            h('span', { class: 'badge verdict-accepted', 'data-verdict': 'accepted' }, 'Examples passed'),
            ` all ${n} example${n === 1 ? '' : 's'} passed; Submit runs the hidden cases too`,
          ]
        : [verdictBadge(result.verdict), ` all ${n} case${n === 1 ? '' : 's'} passed`]
      : [
          verdictBadge(result.verdict),
          ` ${failed.length} of ${n} ${run ? 'example' : 'case'}${n === 1 ? '' : 's'} failed: `,
          h('span', { class: 'failed-names' }, failed.map((c) => c.name).join(', ')),
        ];
  // Failed cases first (in their order), then the passed ones.
  const ordered = [...failed, ...result.cases.filter((c) => c.verdict === 'accepted')];
  const full = interviewerCases(result.cases);
  return h(
    'div',
    { class: 'result' },
    h('p', { class: 'result-line' }, line),
    run && options.caseTimes === false
      ? h(
          'p',
          { class: 'muted run-note' },
          "Runs are not timed (a case's time there includes Spark warming up); Submit times the solution against the reference.",
        )
      : null,
    result.timing ? renderTiming(result.timing) : null,
    full ? renderSubmissionFindings(full, options.submissionId) : null,
    ordered.map((c) => renderCase(c, options)),
    custom ? renderCustomExpected(custom) : null,
  );
}

/** A Run on the candidate's own rows: the reference's output on them, and (interviewer) why the reference could not run. */
function renderCustomExpected(custom: NonNullable<ResultView['custom']>): HTMLElement {
  const { expected } = custom;
  const why = 'referenceError' in custom && custom.referenceError ? custom.referenceError : null;
  return h(
    'div',
    { class: 'custom-expected', id: 'custom-expected' },
    expected
      ? [
          renderRowsTable(expected.rows, expected.columns, 'Expected: the reference solution’s output on your rows'),
          expected.total > expected.rows.length
            ? h('p', { class: 'muted' }, `Showing ${expected.rows.length} of ${expected.total} rows.`)
            : null,
        ]
      : null,
    why ? h('p', { class: 'muted' }, `The reference solution failed on these rows: ${why}`) : null,
  );
}

/** Status while a submission is queued or running: a progress bar with the current case. */
export function renderProgress(s: SubmissionSummary, currentCase: string | null, waitingMs: number): HTMLElement {
  const running = s.status === 'running';
  const text = running
    ? `Running case ${Math.min(s.casesDone + 1, Math.max(s.casesTotal, 1))} of ${s.casesTotal || '?'}${currentCase ? ` (last finished: ${currentCase})` : ''}…`
    : `Queued for ${Math.round(waitingMs / 1000)} s: waiting for a free grader…`;
  return h(
    'div',
    { class: 'progress-block' },
    h('p', {}, outcomeBadge(s), ' ', text),
    h('progress', { max: Math.max(s.casesTotal, 1), value: running ? s.casesDone : 0, 'aria-label': 'cases graded' }),
  );
}
