// The interview's report for the hiring committee (`/i/<interviewer token>/report`): candidate,
// challenges (time spent on each) and time box, the final code of each, every submission with its verdict and timing against
// the reference, per-case verdicts and times (hidden cases by name and verdict only), plan
// insights, pastes and time away, and the scorecard with its notes. Printable (print CSS drops
// the buttons) and downloadable as the JSON the server answered.
import type { InterviewReport } from '../../../core/views/report-view.js';
import { apiJson } from '../api.js';
import { byId, formatMs, h, replace } from '../dom.js';
import { describeInsights } from '../shared/case-results.js';

const CRITERIA: [keyof NonNullable<InterviewReport['scorecard']>['scorecard']['criteria'], string][] = [
  ['problemSolving', 'Problem solving'],
  ['technicalKnowledge', 'Technical knowledge'],
  ['codeQuality', 'Code quality'],
  ['systemThinking', 'System thinking'],
  ['communication', 'Communication'],
];
const RECOMMENDATION: Record<string, string> = {
  strong_hire: 'Strong hire',
  hire: 'Hire',
  no_hire: 'No hire',
  strong_no_hire: 'Strong no hire',
};

const when = (ms: number | undefined | null): string => (ms ? new Date(ms).toLocaleString() : '—');
const verdictText = (v: string | null, status: string): string => (v ? v.replace(/_/g, ' ') : status.replace(/_/g, ' '));

export async function mountReport(root: HTMLElement, apiBase: string): Promise<void> {
  const report = await apiJson<InterviewReport>('GET', `${apiBase}/report`);
  const { interview, scorecard } = report;
  const titles = report.challenges.map((c) => c.title).join(', ');
  document.title = `Report · ${interview.candidateName} · ${titles}`;
  const several = report.challenges.length > 1;
  const titleOf = (id: string): string => report.challenges.find((c) => c.id === id)?.title ?? id;

  const download = h('button', { type: 'button', class: 'secondary small', id: 'download-report' }, 'Download JSON');
  download.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
    const a = h('a', {
      href: URL.createObjectURL(blob),
      download: `interview-${interview.candidateName.replace(/\W+/g, '-')}-${interview.id}.json`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  });
  const print = h('button', { type: 'button', class: 'secondary small', id: 'print-report' }, 'Print');
  print.addEventListener('click', () => window.print());

  const duration = interview.durationMs ? `${Math.round(interview.durationMs / 60_000)} min time box` : 'untimed';
  const extended = interview.extendedMs ? `, extended by ${Math.round(interview.extendedMs / 60_000)} min` : '';
  const ended = interview.endedAtMs
    ? `ended ${when(interview.endedAtMs)} (${interview.endedBy ?? ''})`
    : report.clock.status.replace('_', ' ');

  const submissions = report.submissions.map((s, i) =>
    h(
      'section',
      { class: 'report-submission' },
      h(
        'h3',
        {},
        `${i + 1}. ${several ? `${titleOf(s.challengeId)}: ` : ''}${s.kind === 'run' ? 'Run' : 'Submit'}${s.custom ? ' on own rows' : ''}${s.origin === 'interview_end' ? ' (at the end)' : ''} · ${when(s.createdAtMs)} · ${verdictText(s.verdict, s.status)}`,
      ),
      s.timing
        ? h(
            'p',
            {},
            `Timing: ${formatMs(s.timing.candidateMs)} vs the reference's ${formatMs(s.timing.referenceMs)} = ${s.timing.ratio}x (budget ${s.timing.budgetRatio}x)`,
          )
        : null,
      s.cases.length > 0
        ? h(
            'table',
            { class: 'data-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Case', 'Kind', 'Verdict', 'Time', 'Reference', 'Plan'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              s.cases.map((c) =>
                h(
                  'tr',
                  {},
                  h('td', { title: c.description ?? null }, c.name),
                  h('td', {}, c.hidden ? 'hidden' : 'public'),
                  h('td', {}, verdictText(c.verdict, '')),
                  h('td', {}, formatMs(c.timeMs)),
                  h('td', {}, formatMs(c.referenceTimeMs)),
                  h(
                    'td',
                    {},
                    c.planInsights
                      ? `${describeInsights(c.planInsights)}${c.referencePlanInsights ? ` (reference: ${describeInsights(c.referencePlanInsights)})` : ''}`
                      : '—',
                  ),
                ),
              ),
            ),
          )
        : null,
      renderReportFindings(s.cases),
    ),
  );

  const card = scorecard?.scorecard;
  replace(
    root,
    h(
      'header',
      { class: 'topbar no-print' },
      h('span', { class: 'brand' }, 'PySpark grader'),
      h('span', { class: 'topbar-title' }, 'Interview report'),
      h('span', { class: 'spacer' }),
      print,
      download,
    ),
    h(
      'main',
      { class: 'page report', id: 'report' },
      h('h1', {}, `${interview.candidateName}: ${titles}`),
      h(
        'p',
        { class: 'muted' },
        `created ${new Date(interview.createdAt).toLocaleString()} · started ${when(interview.startedAtMs)} · ${duration}${extended} · ${ended}`,
      ),
      report.challenges.map((c, i) =>
        h(
          'section',
          { class: 'report-challenge', 'data-challenge': c.id },
          h('h2', {}, `${several ? `${i + 1}. ` : ''}${c.title}: final code`),
          h(
            'p',
            { class: 'muted' },
            `${c.difficulty} · time spent ${formatMs(c.spentMs)}${c.durationMs !== undefined ? ` of ${Math.round(c.durationMs / 60_000)} min planned` : ''}`,
          ),
          c.finalCode === null
            ? h('p', { class: 'muted' }, 'No code was saved or submitted.')
            : h('pre', { class: 'report-code final-code', id: i === 0 ? 'final-code' : null }, c.finalCode),
        ),
      ),
      h('h2', {}, `Submissions (${report.submissions.length})`),
      submissions.length > 0 ? submissions : h('p', { class: 'muted' }, 'None.'),
      h('h2', {}, 'Integrity signals'),
      h('p', { id: 'report-integrity' }, `Recorded: ${report.integrity.description}.`),
      report.integrity.marks.length > 0
        ? h(
            'ul',
            {},
            report.integrity.marks.map((m) => h('li', {}, `${new Date(m.t).toLocaleTimeString()} ${m.label}`)),
          )
        : null,
      h('h2', {}, 'Scorecard'),
      card
        ? [
            h(
              'table',
              { class: 'data-table', id: 'report-scorecard' },
              h(
                'tbody',
                {},
                CRITERIA.map(([key, label]) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, label),
                    h('td', {}, card.criteria[key].score === null ? '—' : `${card.criteria[key].score} / 4`),
                    h('td', {}, card.criteria[key].notes),
                  ),
                ),
              ),
            ),
            h('p', {}, h('strong', {}, 'Recommendation: '), card.recommendation ? RECOMMENDATION[card.recommendation] : 'none yet'),
            card.summary ? h('p', { class: 'report-summary' }, card.summary) : null,
            card.notes.length > 0
              ? h(
                  'ol',
                  { class: 'timed-notes' },
                  card.notes.map((n) => h('li', {}, h('time', {}, new Date(n.atMs).toLocaleTimeString()), ' ', n.text)),
                )
              : null,
            h('p', { class: 'muted' }, `Scorecard saved ${when(scorecard.updatedAtMs)}.`),
          ]
        : h('p', { class: 'muted' }, 'No scorecard yet.'),
      h('p', { class: 'muted' }, `Report made ${when(report.generatedAtMs)}. Hidden cases are listed by name and verdict only.`),
    ),
  );
  byId('app').dataset.ready = 'report';
}

/** The submission's Spark findings, each under its case's name; nothing when there are none. */
function renderReportFindings(cases: InterviewReport['submissions'][number]['cases']): HTMLElement | null {
  const found = cases.flatMap((c) => (c.findings ?? []).map((f) => ({ name: c.name, text: f.text })));
  if (found.length === 0) return null;
  return h(
    'div',
    { class: 'report-findings' },
    h('p', {}, h('strong', {}, 'Spark findings'), ' (measured inside the sandbox; never part of a verdict)'),
    h(
      'ul',
      {},
      found.map((f) => h('li', {}, h('span', { class: 'muted' }, `${f.name}: `), f.text)),
    ),
  );
}
