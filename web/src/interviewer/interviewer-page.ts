// The interviewer's live view (the interviewer link), for one challenge of the interview at a time
// (all of them listed above with the candidate's time on each and where the candidate is; choosing
// one opens it): submissions arrive and grade live (SSE);
// for the selected one its code (read-only Monaco) or its changes since the previous submission
// (Monaco diff editor), timing against the reference as a chart, every case including hidden
// diffs, plans and logs; plus the candidate's code live, code playback, the statement and the
// scorecard. The top bar shows the interview's clock, with "+10 min" and "End interview" while
// it runs, and the report.
import type { IntegrityView } from '../../../core/integrity.js';
import type { DraftEventsView } from '../../../core/views/draft-view.js';
import type { InterviewState, InterviewView } from '../../../core/views/interview-view.js';
import { apiJson } from '../api.js';
import type { InterviewerSubmissionView as SubmissionView } from '../../../core/views/submission-view.js';
import { byId, formatMs, formatTime, h, replace } from '../dom.js';
import { EDITOR_DEFAULTS, monaco } from '../monaco.js';
import { renderProgress, renderResult } from '../shared/case-results.js';
import { renderCustomRows } from '../shared/custom-rows.js';
import { renderStatement } from '../shared/statement.js';
import { ChallengeSteps } from '../shared/challenge-steps.js';
import { InterviewClockView } from '../shared/interview-clock.js';
import { SubmissionFeed } from '../shared/submission-feed.js';
import { renderTabs } from '../shared/tabs.js';
import { outcomeBadge } from '../shared/verdicts.js';
import { announce, submissionNews } from '../shared/announce.js';
import { findingsAnchor } from '../shared/spark-panel.js';
import { renderViewSettings } from '../shared/view-settings.js';
import { mountLiveFollow } from './live-follow.js';
import { mountPlayback } from './playback.js';
import { renderScorecard } from './scorecard.js';
import { renderTimingChart } from './timing-chart.js';

export async function mountInterviewer(root: HTMLElement, apiBase: string, view: InterviewView): Promise<void> {
  const { challenge, interview } = view;
  const challengeId = challenge.id;
  const challengeQuery = `challenge=${encodeURIComponent(challengeId)}`;
  const liveState = h('span', { id: 'live-state', class: 'live-state muted' }, 'Connecting…');
  const extendButton = h('button', { type: 'button', class: 'secondary small', id: 'extend-interview' }, '+10 min');
  const endButton = h('button', { type: 'button', class: 'secondary small', id: 'end-interview' }, 'End interview');
  const clock = new InterviewClockView({ interview: view.interview, clock: view.clock }, () => {
    extendButton.hidden = true;
    endButton.hidden = true;
  });
  const steps = new ChallengeSteps(view.challenges, view, {
    shownId: challengeId,
    role: 'interviewer',
    onChoose: (id) => location.assign(`${location.pathname}?challenge=${encodeURIComponent(id)}`),
  });
  for (const s of view.submissions) if (s.kind === 'submit' && s.verdict) steps.setVerdict(s.challengeId, s.verdict);
  // Until the live follow exists, where the candidate is shows in the steps only.
  let showWhere = (): void => undefined;
  const showTimed = (state: InterviewState): void => {
    extendButton.hidden = clock.ended || state.interview.durationMs === undefined;
    clock.update(state);
    steps.update(state);
    showWhere();
  };
  extendButton.hidden = clock.ended || view.interview.durationMs === undefined;
  extendButton.addEventListener('click', () => {
    apiJson<InterviewState>('POST', `${apiBase}/extend`, { minutes: 10 }).then(showTimed, (error: unknown) =>
      alert((error as Error).message),
    );
  });
  endButton.addEventListener('click', () => {
    if (
      !confirm(
        `End the interview for ${interview.candidateName} now? Their last saved code is submitted and nothing more can be run or edited.`,
      )
    )
      return;
    apiJson<InterviewState>('POST', `${apiBase}/end`).then(showTimed, (error: unknown) => alert((error as Error).message));
  });
  const list = h('ol', { id: 'submission-list', class: 'submission-list', 'aria-label': 'Submissions, newest first' });
  const detailHeader = h(
    'div',
    { class: 'detail-header' },
    h('p', { class: 'muted' }, 'No submissions yet. They appear here as the candidate runs and submits.'),
  );
  const codeButton = h('button', { type: 'button', class: 'segment', 'aria-pressed': 'true', id: 'show-code' }, 'Code');
  const diffButton = h('button', { type: 'button', class: 'segment', 'aria-pressed': 'false', id: 'show-diff' }, 'Changes since previous');
  const codeHost = h('div', { class: 'editor-host code-view', id: 'submission-code' });
  const diffHost = h('div', { class: 'editor-host code-view', id: 'submission-diff', hidden: true });
  const chartHost = h('div', { class: 'chart-host' });
  // Not a live region: it re-renders while grading; the news is announced once (announce.ts).
  const resultHost = h('div', { class: 'result-host' });
  const sandboxHost = h('div', { class: 'sandbox-host' });

  const submissionPanel = h(
    'div',
    { class: 'submission-panel' },
    detailHeader,
    h('div', { class: 'segments', role: 'group', 'aria-label': 'Code view' }, codeButton, diffButton),
    codeHost,
    diffHost,
    chartHost,
    resultHost,
    sandboxHost,
  );
  const playbackPanel = h('div', { class: 'playback-panel' });
  const scorecardPanel = h('div', { class: 'scorecard-panel' }, h('p', { class: 'muted' }, 'Loading the scorecard…'));
  const problemPanel = h(
    'div',
    { class: 'problem-panel' },
    renderStatement(challenge),
    view.hiddenCases?.length
      ? h(
          'section',
          {},
          h('h3', {}, 'Hidden cases (interviewer only)'),
          h(
            'ul',
            {},
            view.hiddenCases.map((c) => h('li', {}, h('strong', {}, c.name), `: ${c.description}`)),
          ),
        )
      : null,
  );

  // The integrity summary beside the submissions: from the recorded events, on load, when the
  // live stream tells of a save with a signal (a paste, leaving the page, coming back) and
  // whenever the playback refreshes.
  const integrity = h('p', { id: 'integrity-summary', class: 'integrity-summary muted' }, 'Pastes and time away: loading…');
  const showIntegrity = (view: IntegrityView): void => {
    integrity.textContent = `Recorded: ${view.description}`;
  };
  const loadIntegrity = (): void => {
    apiJson<DraftEventsView>('GET', `${apiBase}/draft/events?${challengeQuery}`).then(
      (answer) => showIntegrity(answer.integrity),
      (error: unknown) => console.warn('integrity summary load failed', error),
    );
  };
  loadIntegrity();
  let integrityDue: ReturnType<typeof setTimeout> | undefined;
  const loadIntegritySoon = (): void => {
    integrityDue ??= setTimeout(() => {
      integrityDue = undefined;
      loadIntegrity();
    }, 1_000);
  };
  let playback: ReturnType<typeof mountPlayback> | undefined;
  // A saved draft brings new edits: the playback, when open, reads them (at most every 2 s).
  let playbackRefreshDue: ReturnType<typeof setTimeout> | undefined;
  const refreshPlaybackSoon = (): void => {
    if (!playback || playbackPanel.offsetParent === null || playbackRefreshDue) return;
    playbackRefreshDue = setTimeout(() => {
      playbackRefreshDue = undefined;
      playback?.refresh().catch((error: unknown) => console.warn('playback refresh failed', error));
    }, 2_000);
  };
  const followPanel = h('div', { class: 'follow-panel' });
  const follow = mountLiveFollow(followPanel, apiBase, challengeId, challenge.starter);
  showWhere = () => {
    const here = view.challenges.find((c) => c.challengeId === steps.currentId);
    follow.elsewhere(here && here.challengeId !== challengeId ? here.title : null);
  };
  showWhere();
  const tabs = renderTabs(
    'Interview views',
    [
      { id: 'submission', label: 'Submission', panel: submissionPanel },
      { id: 'follow', label: 'Live code', panel: followPanel },
      { id: 'playback', label: 'Playback', panel: playbackPanel },
      { id: 'scorecard', label: 'Scorecard', panel: scorecardPanel },
      { id: 'problem', label: 'Problem', panel: problemPanel },
    ],
    (id) => {
      if (id === 'follow') follow.layout();
      if (id !== 'playback') return;
      playback ??= mountPlayback(playbackPanel, `${apiBase}/draft/events?${challengeQuery}`, challenge.starter, showIntegrity, () =>
        feed.ordered().map((sub) => ({
          createdAtMs: sub.createdAtMs,
          label: `${feed.label(sub)}${sub.verdict ? `: ${sub.verdict.replace(/_/g, ' ')}` : ` (${sub.status})`}`,
        })),
      );
      playback.refresh().catch((error: unknown) => console.warn('playback load failed', error));
    },
  );

  replace(
    root,
    h('a', { class: 'skip-link', href: '#detail' }, 'Skip to the submission detail'),
    h(
      'header',
      { class: 'topbar' },
      h('span', { class: 'brand' }, 'PySpark grader'),
      h(
        'h1',
        { class: 'topbar-title' },
        view.challenges.length > 1
          ? `${view.challenges.findIndex((c) => c.challengeId === challengeId) + 1} of ${view.challenges.length} · ${challenge.title}`
          : challenge.title,
      ),
      h(
        'span',
        { class: 'muted topbar-who' },
        `Interviewer view · candidate ${interview.candidateName} · created ${new Date(interview.createdAt).toLocaleString()}`,
      ),
      h('span', { class: 'spacer' }),
      clock.element,
      extendButton,
      endButton,
      h('a', { href: `${location.pathname.replace(/\/$/, '')}/report`, target: '_blank', class: 'small', id: 'open-report' }, 'Report'),
      liveState,
    ),
    steps.element,
    h(
      'main',
      { class: 'interviewer' },
      h(
        'nav',
        { class: 'pane sidebar', 'aria-labelledby': 'submissions-title' },
        h('div', { class: 'sidebar-settings' }, renderViewSettings()),
        integrity,
        h('h2', { id: 'submissions-title' }, 'Submissions'),
        list,
      ),
      h('section', { class: 'pane detail', id: 'detail', tabindex: -1, 'aria-label': 'Interview detail' }, tabs.element),
    ),
  );

  // The latest graded submission, opened at its Spark findings (linked from the scorecard).
  const showLatestFindings = (): void => {
    const latest = feed.ordered().findLast((s) => s.result !== null);
    if (!latest) return;
    followLatest = false;
    tabs.select('submission');
    select(latest.id);
    document.getElementById(findingsAnchor(latest.id))?.scrollIntoView({ block: 'start' });
  };
  renderScorecard(apiBase, showLatestFindings).then(
    (form) => replace(scorecardPanel, form),
    (error: unknown) => {
      replace(scorecardPanel, h('p', { class: 'notice' }, `The scorecard could not be loaded: ${(error as Error).message}`));
    },
  );

  const codeModel = monaco.editor.createModel('', 'python');
  const codeEditor = monaco.editor.create(codeHost, {
    ...EDITOR_DEFAULTS,
    model: codeModel,
    readOnly: true,
    ariaLabel: 'Submitted code (read-only)',
  });
  const originalModel = monaco.editor.createModel('', 'python');
  const modifiedModel = monaco.editor.createModel('', 'python');
  const diffEditor = monaco.editor.createDiffEditor(diffHost, {
    ...EDITOR_DEFAULTS,
    readOnly: true,
    originalEditable: false,
    renderSideBySide: true,
    ariaLabel: 'Changes since the previous submission',
  });
  diffEditor.setModel({ original: originalModel, modified: modifiedModel });
  const setCodeView = (diff: boolean): void => {
    codeHost.hidden = diff;
    diffHost.hidden = !diff;
    codeButton.setAttribute('aria-pressed', String(!diff));
    diffButton.setAttribute('aria-pressed', String(diff));
    (diff ? diffEditor : codeEditor).layout();
  };
  codeButton.addEventListener('click', () => setCodeView(false));
  diffButton.addEventListener('click', () => setCodeView(true));

  let selectedId: string | null = null;
  let followLatest = true;
  const columns = challenge.output.columns.map((c) => c.name);

  const renderList = (): void => {
    replace(
      list,
      feed
        .ordered()
        .reverse()
        .map((s) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'submission-item',
                'aria-current': s.id === selectedId ? 'true' : null,
                'data-id': s.id,
                'data-kind': s.kind,
                onclick: () => {
                  followLatest = s.id === feed.ordered().at(-1)?.id;
                  select(s.id);
                },
              },
              h('span', { class: 'item-title' }, feed.label(s)),
              h('span', { class: 'muted' }, formatTime(s.createdAtMs)),
              outcomeBadge(s),
            ),
          ),
        ),
    );
  };

  const renderDetail = (): void => {
    const s = feed.get(selectedId);
    if (!s) return;
    const all = feed.ordered();
    const previous = all[all.findIndex((x) => x.id === s.id) - 1];
    const took = s.finishedAtMs && s.startedAtMs ? ` · graded in ${formatMs(s.finishedAtMs - s.startedAtMs)}` : '';
    replace(
      detailHeader,
      h('h2', { id: 'detail-title' }, feed.label(s), ' ', outcomeBadge(s)),
      h(
        'p',
        { class: 'muted' },
        `${formatTime(s.createdAtMs)}${took}${s.attempts && s.attempts > 1 ? ` · ${s.attempts} attempts` : ''}${previous ? ` · previous: ${feed.label(previous)}` : ' · first submission'}`,
      ),
    );
    if (codeModel.getValue() !== s.code) codeModel.setValue(s.code);
    if (originalModel.getValue() !== (previous?.code ?? challenge.starter)) originalModel.setValue(previous?.code ?? challenge.starter);
    if (modifiedModel.getValue() !== s.code) modifiedModel.setValue(s.code);
    diffButton.textContent = previous ? `Changes since ${feed.label(previous)}` : 'Changes since the starter';
    if (s.status === 'queued' || s.status === 'running') {
      replace(chartHost);
      replace(resultHost, renderProgress(s, feed.lastCase(s.id), Date.now() - s.createdAtMs));
      replace(sandboxHost);
      return;
    }
    if (s.status === 'system_error') {
      replace(chartHost);
      replace(resultHost, h('div', { class: 'notice' }, h('strong', {}, "Grader fault (not the candidate's): "), s.error ?? 'unknown'));
      replace(sandboxHost);
      return;
    }
    if (s.status === 'cancelled') {
      replace(chartHost);
      replace(resultHost, h('p', { class: 'muted' }, 'The candidate stopped this Run before it finished: it has no verdict.'));
      replace(sandboxHost);
      return;
    }
    if (!s.result) return;
    const chart = renderTimingChart(s.result.cases, challenge.timing.budgetRatio);
    replace(chartHost, chart ? [h('h3', {}, 'Time per case'), chart] : null);
    replace(
      resultHost,
      renderResult(s.result, { columns, code: s.code, submissionId: s.id }),
      s.customInput ? renderCustomRows(s.customInput, challenge) : null,
    );
    const box = s.result.sandbox;
    replace(
      sandboxHost,
      box
        ? h(
            'details',
            { class: 'sandbox' },
            h('summary', {}, 'Sandbox and logs'),
            h(
              'p',
              {},
              `Image ${box.image}; container start ${formatMs(box.startupMs)}, Spark start ${formatMs(box.sparkStartupMs)}, compute ${formatMs(box.computeMs)}`,
              box.peakMemoryBytes ? `, peak memory ${(box.peakMemoryBytes / 1024 ** 2).toFixed(0)} MiB` : '',
            ),
            h('h4', {}, 'Container stderr (Spark/JVM)'),
            h('pre', { class: 'stderr' }, box.stderr || '(empty)'),
          )
        : null,
    );
  };

  const select = (id: string): void => {
    selectedId = id;
    renderList();
    renderDetail();
  };

  const feed = new SubmissionFeed<SubmissionView>(
    apiBase,
    liveState,
    {
      snapshot(items) {
        if (!selectedId || !feed.has(selectedId)) selectedId = items.at(-1)?.id ?? null;
        renderList();
        renderDetail();
      },
      changed(s, isNew) {
        if (s.kind === 'submit' && s.verdict) steps.setVerdict(challengeId, s.verdict);
        if (isNew && followLatest) selectedId = s.id;
        if (s.id === selectedId) announce(submissionNews(feed.label(s), s));
        renderList();
        if (s.id === selectedId) renderDetail();
      },
      interview: showTimed,
      draft: (d) => {
        follow.update(d);
        if (d.challengeId === challengeId) refreshPlaybackSoon();
        if (d.activity !== null && d.activity !== 'edit') loadIntegritySoon();
      },
    },
    { challengeId },
  );
  byId('app').dataset.ready = 'interviewer';
}
