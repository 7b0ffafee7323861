// One submission's result as both roles read it: the overall line, timing against the budget,
// and each case (verdict, message, keyed diff, error with jumpable traceback lines, output).
// The interviewer additionally gets plan text, plan insights and logs (fields the server only
// sends to that role).
import type { TimingSummary } from '../../../core/grade-result.js';
import type { PlanInsights } from '../../../core/plan-insights.js';
import type { CaseView, ResultView, SubmissionSummary } from '../../../core/views/submission-view.js';
import { formatMs, h } from '../dom.js';
import { renderDiffTable } from './diff-table.js';
import { outcomeBadge, verdictBadge } from './verdicts.js';

export interface ResultOptions {
  /** Output column names, in order, for diff tables. */
  columns: string[];
  /** Called with a solution.py line number when the reader clicks it in a traceback. */
  onJumpToLine?: (line: number) => void;
}

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
  const title = h(
    'h4',
    {},
    c.hidden ? h('span', { class: 'tag' }, 'hidden') : h('span', { class: 'tag tag-public' }, 'public'),
    ' ',
    c.name,
    ' ',
    verdictBadge(c.verdict),
    c.timeMs !== undefined && c.timeMs !== null
      ? h(
          'span',
          { class: 'muted case-time' },
          ` ${formatMs(c.timeMs)}${full?.referenceTimeMs ? ` (reference ${formatMs(full.referenceTimeMs)})` : ''}`,
        )
      : null,
  );
  const parts: (HTMLElement | null)[] = [title];
  if (c.description) parts.push(h('p', { class: 'muted' }, c.description));
  if (!detailed && c.hidden)
    parts.push(
      h(
        'p',
        { class: 'muted' },
        c.verdict === 'accepted'
          ? 'Passed. Hidden cases show pass or fail only.'
          : 'Failed. Hidden cases show pass or fail only; check edge cases the statement mentions.',
      ),
    );
  if (c.message && c.verdict !== 'accepted') parts.push(h('p', { class: 'case-message' }, c.message));
  if (c.diff) parts.push(renderDiffTable(c.diff, options.columns));
  if (c.error) {
    parts.push(
      h(
        'div',
        { class: 'error-block' },
        h('p', {}, h('strong', {}, c.error.type), ': ', c.error.message),
        c.error.line && options.onJumpToLine
          ? h(
              'button',
              { type: 'button', class: 'secondary small', onclick: () => options.onJumpToLine!(c.error!.line!) },
              `Go to line ${c.error.line}`,
            )
          : null,
        c.error.traceback ? renderTraceback(c.error.traceback, options.onJumpToLine) : null,
      ),
    );
  }
  if (c.stdout) parts.push(h('details', { class: 'stdout' }, h('summary', {}, 'Printed output'), h('pre', {}, c.stdout)));
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
  if (full?.planText) parts.push(h('details', { class: 'plan' }, h('summary', {}, 'Physical plan'), h('pre', {}, full.planText)));
  return h('section', { class: `case case-${c.verdict}`, 'data-case': c.name, 'aria-label': `case ${c.name}` }, parts);
}

export function renderResult(result: ResultView, options: ResultOptions): HTMLElement {
  const passed = result.cases.filter((c) => c.verdict === 'accepted').length;
  return h(
    'div',
    { class: 'result' },
    h(
      'p',
      { class: 'result-line' },
      verdictBadge(result.verdict),
      ` ${passed} of ${result.cases.length} case${result.cases.length === 1 ? '' : 's'} passed`,
      result.scope === 'public' ? ' (public cases; Submit runs the hidden ones too)' : '',
    ),
    result.timing ? renderTiming(result.timing) : null,
    result.cases.map((c) => renderCase(c, options)),
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
