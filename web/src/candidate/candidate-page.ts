// The candidate's workspace (the candidate link), for one challenge of the interview at a time
// (the others listed above, with the time spent on each; choosing one saves and opens it):
// statement on the left, Monaco with the challenge's draft on the right, Run (Ctrl/Cmd+Enter) and
// Submit (Ctrl/Cmd+Shift+Enter, confirmed), and a results panel fed live by the interview's event
// stream. The draft is saved as the candidate types. The
// interview's clock counts down in the top bar; once the interview has ended the page turns
// read-only and says so (the server refuses anything more and submitted the last saved draft).
// While a Run grades, its elapsed time shows and Stop ends it; the history shows an earlier
// result and restores its code, and "Reset to starter" puts the starter back (each confirmed,
// one undoable edit).
import { ApiError, apiJson } from '../api.js';
import type { CustomInput } from '../../../core/custom-input.js';
import type { SubmissionKind } from '../../../core/submission.js';
import type { Readiness } from '../../../core/views/ops-view.js';
import type { InterviewView } from '../../../core/views/interview-view.js';
import type { CandidateSubmissionView as SubmissionView, SubmissionAccepted } from '../../../core/views/submission-view.js';
import { byId, formatTime, h, replace } from '../dom.js';
import { EDITOR_DEFAULTS, monaco } from '../monaco.js';
import { registerPyspark } from '../pyspark/register-pyspark.js';
import { watchPythonLint } from '../lint/watch-python-lint.js';
import { renderProgress, renderResult } from '../shared/case-results.js';
import { renderStatement } from '../shared/statement.js';
import { ChallengeSteps } from '../shared/challenge-steps.js';
import { InterviewClockView, formatLeft } from '../shared/interview-clock.js';
import { SubmissionFeed } from '../shared/submission-feed.js';
import { readSparkError } from '../shared/spark-error.js';
import { outcomeBadge, outcomeLabel } from '../shared/verdicts.js';
import { announce, submissionNews } from '../shared/announce.js';
import { renderViewSettings } from '../shared/view-settings.js';
import { CustomInputEditor } from './custom-input-editor.js';
import { DraftSync, type SaveState } from './draft-sync.js';
import { createWorkspaceLayout } from './workspace-layout.js';

/** Queued this long, the page asks /readyz whether any grader is alive. */
const STUCK_QUEUE_MS = 20_000;

export async function mountCandidate(root: HTMLElement, apiBase: string, view: InterviewView): Promise<void> {
  const { challenge, interview } = view;
  const challengeId = challenge.id;
  const saveState = h('span', { id: 'save-state', class: 'save-state', role: 'status' }, 'Loading draft…');
  const liveState = h('span', { id: 'live-state', class: 'live-state muted' }, 'Connecting…');
  const runButton = h(
    'button',
    { type: 'button', id: 'run-button', class: 'primary', title: 'Run the public examples (Ctrl+Enter / Cmd+Enter)' },
    'Run',
    h('kbd', {}, 'Ctrl+Enter'),
  );
  const submitButton = h(
    'button',
    {
      type: 'button',
      id: 'submit-button',
      class: 'accent',
      title: 'Submit for grading on every case (Ctrl+Shift+Enter / Cmd+Shift+Enter)',
    },
    'Submit',
    h('kbd', {}, 'Ctrl+Shift+Enter'),
  );
  const stopButton = h(
    'button',
    { type: 'button', id: 'stop-button', class: 'secondary', hidden: true, title: 'Stop this Run (a Submit cannot be stopped)' },
    'Stop',
  );
  const elapsed = h('span', { id: 'elapsed', class: 'muted elapsed', hidden: true, title: 'Time since it was sent' });
  // Where the challenge allows it, Run on rows of the candidate's own beside the reference's output on them.
  const customEditor = challenge.customInput
    ? new CustomInputEditor(challenge, challenge.customInput, () => void send('run', customEditor!.value()))
    : null;
  const customButton = customEditor
    ? h(
        'button',
        {
          type: 'button',
          id: 'custom-input-button',
          class: 'secondary',
          'aria-expanded': 'false',
          'aria-controls': 'custom-input',
          title: 'Run on rows of your own, compared with the reference solution’s output on them',
        },
        'Custom input',
      )
    : null;
  const historySelect = h('select', { id: 'history', 'aria-label': 'Show an earlier run or submission' });
  const restoreButton = h(
    'button',
    {
      type: 'button',
      id: 'restore-code',
      class: 'secondary small',
      disabled: true,
      title: "Put the shown submission's code in the editor",
    },
    'Restore this code',
  );
  const resetButton = h(
    'button',
    { type: 'button', id: 'reset-starter', class: 'secondary small', title: 'Put the starter code back in the editor' },
    'Reset to starter',
  );
  const notice = h('div', { id: 'notice', class: 'notice', role: 'alert', hidden: true });
  const results = h(
    'div',
    { id: 'results', class: 'results-body' },
    h('p', { class: 'muted' }, 'Run your code to see how it does on the examples; Submit when you are done.'),
    h('p', { class: 'muted' }, 'Keyboard: in the editor, Ctrl+M switches the Tab key between indenting and moving focus.'),
    h(
      'p',
      { class: 'muted', id: 'recording-notice' },
      'Your edits are saved as you type and can be played back by the interviewer; pastes into the editor and leaving this page are recorded too.',
    ),
  );
  const editorHost = h('div', { id: 'editor', class: 'editor-host' });
  const endedBanner = h(
    'div',
    { id: 'ended-banner', class: 'ended-banner', role: 'status', hidden: true },
    h('strong', {}, 'The interview has ended.'),
    ' Your last saved code was submitted for grading; nothing more can be run, submitted or edited.',
  );
  // Until the editor exists, an end only marks the page; afterwards it also locks the editor.
  let lock = (): void => undefined;
  const clock = new InterviewClockView({ interview: view.interview, clock: view.clock }, () => lock());
  // Until the draft is loaded, moving to another challenge has nothing to save first.
  let settle = (): Promise<void> => Promise.resolve();
  const steps = new ChallengeSteps(view.challenges, view, {
    shownId: challengeId,
    role: 'candidate',
    onChoose: (id) => {
      void (async () => {
        await settle();
        if (!clock.ended) await apiJson('POST', `${apiBase}/position`, { challengeId: id }).catch(() => undefined);
        location.assign(`${location.pathname}?challenge=${encodeURIComponent(id)}`);
      })();
    },
  });
  for (const s of view.submissions) if (s.kind === 'submit' && s.verdict) steps.setVerdict(s.challengeId, s.verdict);
  // Opened on another challenge than the one the server has the candidate on (a reload, a link): this is where they are now.
  if (view.challenges.length > 1 && steps.currentId !== challengeId && view.clock.status === 'in_progress')
    void apiJson('POST', `${apiBase}/position`, { challengeId }).catch(() => undefined);
  const dialog = h(
    'dialog',
    { id: 'confirm-submit', 'aria-labelledby': 'confirm-title' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, 'Submit your solution?'),
      h(
        'p',
        {},
        'It is graded on every case, including hidden ones, and timed against the reference. You can keep editing and submit again later.',
      ),
      h(
        'div',
        { class: 'dialog-buttons' },
        h('button', { value: 'cancel', class: 'secondary', id: 'confirm-cancel' }, 'Cancel'),
        h('button', { value: 'submit', class: 'accent', id: 'confirm-submit-button' }, 'Submit'),
      ),
    ),
  );

  const layout = createWorkspaceLayout({
    statement: renderStatement(challenge, { titleLevel: 1 }),
    toolbar: h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Run and submit' },
      runButton,
      submitButton,
      customButton,
      stopButton,
      elapsed,
      h('span', { class: 'spacer' }),
      h('label', { for: 'history', class: 'muted' }, 'Showing'),
      historySelect,
      restoreButton,
      resetButton,
    ),
    editorHost,
    results: h(
      'section',
      { class: 'results', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title', class: 'visually-hidden' }, 'Results'),
      endedBanner,
      notice,
      customEditor?.element,
      // Not a live region: it re-renders while grading; the news is announced once (announce.ts).
      results,
    ),
  });
  replace(
    root,
    layout.skipLink,
    h(
      'header',
      { class: 'topbar' },
      h('span', { class: 'brand' }, 'PySpark grader'),
      h(
        'span',
        { class: 'topbar-title' },
        view.challenges.length > 1
          ? `${view.challenges.findIndex((c) => c.challengeId === challengeId) + 1} of ${view.challenges.length} · ${challenge.title}`
          : challenge.title,
      ),
      h('span', { class: 'muted topbar-who' }, `Candidate: ${interview.candidateName}`),
      h('span', { class: 'spacer' }),
      clock.element,
      saveState,
      liveState,
      renderViewSettings(),
    ),
    steps.element,
    layout.element,
    dialog,
  );

  // What the notice is about: a finished grade clears a notice about grading, never one about the draft.
  let noticeAbout: 'grading' | 'draft' = 'grading';
  const showNotice = (message: string | null, about: 'grading' | 'draft' = 'grading'): void => {
    noticeAbout = about;
    notice.hidden = message === null;
    notice.textContent = message ?? '';
  };
  const storageKey = `grader:draft:${interview.id}:${challengeId}`;
  const draft = new DraftSync(apiBase, challengeId, storageKey, (state) => renderSaveState(saveState, state));
  settle = () => draft.settle();
  let start: Awaited<ReturnType<DraftSync['start']>>;
  try {
    start = await draft.start(challenge.starter);
  } catch (error) {
    // The server's draft is unreachable: the local copy (if any) or the starter still lets the candidate work.
    const local = localStorage.getItem(storageKey);
    start = {
      code: local ? (JSON.parse(local) as { code: string }).code : challenge.starter,
      recoveredLocally: Boolean(local),
      cursor: null,
    };
    renderSaveState(saveState, { kind: 'offline', message: `Could not load the saved draft: ${(error as Error).message}` });
  }
  if (start.recoveredLocally) showNotice('Restored unsaved changes from this browser; they are being saved to the server.', 'draft');

  const model = monaco.editor.createModel(start.code, 'python', monaco.Uri.parse('file:///solution.py'));
  const editor = monaco.editor.create(editorHost, { ...EDITOR_DEFAULTS, model, ariaLabel: 'Solution code editor (Python)' });
  const dataFrameInputs = challenge.inputs.filter((i) => i.kind !== 'file').map((i) => i.name);
  registerPyspark(() => ({ entrypoint: challenge.entrypoint, dataFrameInputs }));
  watchPythonLint(model);
  // Back where the cursor was at the last save (a reload, another challenge and back).
  if (start.cursor && start.cursor.line <= model.getLineCount()) {
    editor.setPosition({ lineNumber: start.cursor.line, column: start.cursor.column });
    editor.revealPositionInCenter({ lineNumber: start.cursor.line, column: start.cursor.column });
  }
  editor.onDidChangeCursorPosition((e) => draft.cursor({ line: e.position.lineNumber, column: e.position.column }));
  model.onDidChangeContent((e) => {
    // Monaco lists a multi-cursor edit's changes from the end of the text backwards, so applying
    // them in order with offsets in the previous text replays correctly.
    const t = Date.now();
    const events = [...e.changes]
      .sort((a, b) => b.rangeOffset - a.rangeOffset)
      .map((c) => ({ t, from: c.rangeOffset, to: c.rangeOffset + c.rangeLength, text: c.text }));
    draft.record(events, model.getValue());
  });
  window.addEventListener('pagehide', () => draft.flushOnExit());
  // Integrity signals, recorded beside the edits (the page says so); they never block anything.
  editor.onDidPaste((e) => {
    const text = model.getValueInRange(e.range);
    draft.signal({ t: Date.now(), signal: 'paste', bytes: new TextEncoder().encode(text).length, preview: text.slice(0, 120) });
  });
  window.addEventListener('blur', () => draft.signal({ t: Date.now(), signal: 'blur' }));
  window.addEventListener('focus', () => draft.signal({ t: Date.now(), signal: 'focus' }));
  document.addEventListener('visibilitychange', () =>
    draft.signal({ t: Date.now(), signal: document.visibilityState === 'hidden' ? 'hidden' : 'visible' }),
  );

  // ---- submissions
  let shownId: string | null = null;
  let activeId: string | null = null;
  let sending = false;

  const jumpToLine = (line: number): void => {
    const target = Math.min(Math.max(line, 1), model.getLineCount());
    editor.revealLineInCenter(target);
    editor.setSelection(new monaco.Selection(target, 1, target, model.getLineMaxColumn(target)));
    editor.focus();
  };
  const columns = challenge.output.columns.map((c) => c.name);

  // Each failed case's error on the line it points at: the line that wrote an unresolved name, else where it was raised.
  const markErrorLines = (s: SubmissionView): void => {
    const markers = (s.result?.cases ?? []).flatMap((c) => {
      if (!c.error) return [];
      const read = readSparkError(c.error, s.code);
      const line = read.line?.line;
      return line && line <= model.getLineCount()
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: `${c.error.type}: ${read.headline} (case ${c.name})`,
              startLineNumber: line,
              startColumn: 1,
              endLineNumber: line,
              endColumn: model.getLineMaxColumn(line),
              source: 'grader',
            },
          ]
        : [];
    });
    monaco.editor.setModelMarkers(model, 'grader', markers);
  };

  const renderHistory = (): void => {
    const newestFirst = feed.ordered().reverse();
    replace(
      historySelect,
      newestFirst.length === 0
        ? h('option', { value: '' }, 'nothing yet')
        : newestFirst.map((s) =>
            h(
              'option',
              { value: s.id, selected: s.id === shownId },
              `${feed.label(s)} · ${formatTime(s.createdAtMs)} · ${s.status === 'graded' && s.verdict ? outcomeLabel(s) : outcomeBadge(s).textContent}`,
            ),
          ),
    );
    historySelect.disabled = newestFirst.length === 0;
    const shown = feed.get(shownId);
    restoreButton.disabled = !shown || clock.ended;
  };

  const renderShown = (): void => {
    const s = feed.get(shownId);
    if (!s) return;
    if (s.status === 'queued' || s.status === 'running') {
      replace(results, renderProgress(s, feed.lastCase(s.id), Date.now() - s.createdAtMs));
    } else if (s.status === 'system_error') {
      replace(
        results,
        h('div', { class: 'result' }, h('p', {}, outcomeBadge(s)), h('p', {}, s.error ?? 'The grader had a problem; please try again.')),
      );
    } else if (s.status === 'cancelled') {
      replace(
        results,
        h(
          'div',
          { class: 'result' },
          h('p', {}, outcomeBadge(s)),
          h('p', {}, `You stopped this Run before it finished (${formatTime(s.finishedAtMs ?? s.createdAtMs)}).`),
        ),
      );
    } else if (s.result) {
      replace(
        results,
        h(
          'p',
          { class: 'muted result-kind' },
          `${s.custom ? 'Run on your own rows' : s.kind === 'run' ? 'Run' : 'Submission'} at ${formatTime(s.createdAtMs)}`,
        ),
        renderResult(s.result, { columns, onJumpToLine: jumpToLine, code: s.code, caseTimes: s.result.scope === 'all' }),
      );
    }
  };

  let stopping = false;
  const updateButtons = (): void => {
    const active = feed.get(activeId);
    const busy = sending || (active !== undefined && (active.status === 'queued' || active.status === 'running'));
    runButton.disabled = busy || clock.ended;
    submitButton.disabled = busy || clock.ended;
    if (customEditor) customEditor.runButton.disabled = busy || clock.ended;
    runButton.setAttribute('aria-busy', String(busy));
    // A Run can be stopped while it waits or runs; a Submit, once confirmed, cannot.
    stopButton.hidden = !(busy && active?.kind === 'run');
    stopButton.disabled = stopping;
    elapsed.hidden = !busy || !active;
    if (!busy) stopping = false;
    renderElapsed();
  };
  const renderElapsed = (): void => {
    const active = feed.get(activeId);
    if (!active || elapsed.hidden) return;
    elapsed.textContent = formatLeft(Date.now() - active.createdAtMs);
  };

  const changed = (s: SubmissionView): void => {
    if (s.kind === 'submit' && s.verdict) steps.setVerdict(challengeId, s.verdict);
    if (s.id === activeId && (s.status === 'graded' || s.status === 'system_error' || s.status === 'cancelled')) {
      markErrorLines(s);
      if (s.status === 'graded' && noticeAbout === 'grading') showNotice(null);
    }
    if (shownId === null || s.id === activeId) shownId = s.id;
    if (s.id === activeId) announce(submissionNews(feed.label(s), s));
    renderHistory();
    if (s.id === shownId) renderShown();
    updateButtons();
  };

  const feed = new SubmissionFeed<SubmissionView>(
    apiBase,
    liveState,
    {
      snapshot(list) {
        const latest = list.at(-1);
        if (latest && shownId === null) shownId = latest.id;
        if (latest && (latest.status === 'queued' || latest.status === 'running')) activeId = latest.id;
        renderHistory();
        renderShown();
        updateButtons();
      },
      changed,
      interview: (state) => {
        clock.update(state);
        steps.update(state);
      },
    },
    { challengeId },
  );
  lock = (): void => {
    editor.updateOptions({ readOnly: true, readOnlyMessage: { value: 'The interview has ended.' } });
    endedBanner.hidden = false;
    draft.close();
    updateButtons();
  };
  if (clock.ended) lock();

  historySelect.addEventListener('change', () => {
    shownId = historySelect.value || null;
    restoreButton.disabled = shownId === null || clock.ended;
    renderShown();
  });

  // While something waits, tick the elapsed time and say so when no grader is alive.
  setInterval(() => {
    const active = feed.get(activeId);
    if (!active || (active.status !== 'queued' && active.status !== 'running')) return;
    renderElapsed();
    if (active.id === shownId) renderShown();
    const waited = Date.now() - active.createdAtMs;
    if (active.status === 'queued' && waited > STUCK_QUEUE_MS && Math.floor(waited / 1000) % 10 === 0) void checkGraders(showNotice);
  }, 1000);

  const send = async (kind: SubmissionKind, customInput?: CustomInput): Promise<void> => {
    if (runButton.disabled) return;
    customEditor?.showProblem(null);
    if (kind === 'submit' && !(await confirmSubmit(dialog))) return;
    sending = true;
    updateButtons();
    showNotice(null);
    try {
      // A failed save shows in the save state and is retried; the run goes ahead with the editor's code.
      await draft.flush().catch(() => undefined);
      const code = model.getValue();
      const { id } = await apiJson<SubmissionAccepted>('POST', `${apiBase}/submissions`, {
        kind,
        code,
        challengeId,
        ...(customInput ? { customInput } : {}),
      });
      activeId = id;
      shownId = id;
      feed.add({
        id,
        challengeId,
        kind,
        status: 'queued',
        verdict: null,
        createdAtMs: Date.now(),
        startedAtMs: null,
        finishedAtMs: null,
        casesDone: 0,
        casesTotal: 0,
        origin: 'candidate',
        custom: customInput !== undefined,
        code,
        customInput: customInput ?? null,
        result: null,
        error: null,
      });
      renderHistory();
      renderShown();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // The interview ended (the deadline passed while this was sent): the server says so.
        clock.update(
          await apiJson<InterviewView>('GET', apiBase).catch(() => ({
            interview: view.interview,
            clock: { ...view.clock, status: 'ended' as const },
          })),
        );
        return;
      }
      if (customInput && customEditor && error instanceof ApiError && error.status === 400) {
        // The server names the input, row and column of each bad cell: shown by the rows, the cells marked.
        customEditor.showProblem(error.message);
        return;
      }
      showNotice(
        error instanceof ApiError && error.unreachable
          ? 'The grading service cannot be reached right now. Your code is saved in this browser; try again in a moment.'
          : `Could not ${kind}: ${(error as Error).message}`,
      );
    } finally {
      sending = false;
      updateButtons();
    }
  };

  stopButton.addEventListener('click', () => {
    const active = feed.get(activeId);
    if (!active || active.kind !== 'run') return;
    stopping = true;
    updateButtons();
    apiJson<SubmissionAccepted>('POST', `${apiBase}/submissions/${active.id}/cancel`).catch((error: unknown) => {
      stopping = false;
      updateButtons();
      showNotice(`Could not stop the Run: ${(error as Error).message}`);
    });
  });
  /** Replaces the editor's code as one edit (recorded like typing, undoable), after the candidate confirms. */
  const replaceCode = (code: string, question: string): void => {
    if (clock.ended || model.getValue() === code || !confirm(question)) return;
    editor.pushUndoStop();
    editor.executeEdits('history', [{ range: model.getFullModelRange(), text: code }]);
    editor.pushUndoStop();
    editor.focus();
  };
  restoreButton.addEventListener('click', () => {
    const shown = feed.get(shownId);
    if (shown) replaceCode(shown.code, `Replace the code in the editor with the code of ${feed.label(shown)}? You can undo it (Ctrl+Z).`);
  });
  resetButton.addEventListener('click', () =>
    replaceCode(challenge.starter, 'Replace the code in the editor with the starter code? You can undo it (Ctrl+Z).'),
  );
  runButton.addEventListener('click', () => void send('run'));
  customButton?.addEventListener('click', () => customButton.setAttribute('aria-expanded', String(customEditor!.toggle())));
  submitButton.addEventListener('click', () => void send('submit'));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void send('run'));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => void send('submit'));
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented || editorHost.contains(e.target as Node) || dialog.open)
      return;
    e.preventDefault();
    void send(e.shiftKey ? 'submit' : 'run');
  });
  editor.focus();
  byId('app').dataset.ready = 'candidate';
}

function confirmSubmit(dialog: HTMLDialogElement): Promise<boolean> {
  return new Promise((resolve) => {
    dialog.returnValue = '';
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'submit'), { once: true });
    dialog.showModal();
    (dialog.querySelector('#confirm-submit-button') as HTMLButtonElement).focus();
  });
}

async function checkGraders(showNotice: (message: string | null) => void): Promise<void> {
  try {
    const ready = await apiJson<Readiness>('GET', '/readyz');
    if (ready.ready) showNotice('The graders are busy with other submissions; yours is next in line.');
  } catch (error) {
    const detail =
      error instanceof ApiError && error.status === 503 ? 'no grader is running right now' : 'the grading service cannot be reached';
    showNotice(`Your submission is waiting: ${detail}. It stays queued and is graded as soon as a grader is back; your code is saved.`);
  }
}

function renderSaveState(el: HTMLElement, state: SaveState): void {
  el.dataset.state = state.kind;
  el.className = `save-state ${state.kind}`;
  el.textContent =
    state.kind === 'pristine'
      ? 'Starter code (not edited yet)'
      : state.kind === 'saved'
        ? `Saved ${formatTime(state.atMs)}`
        : state.kind === 'saving'
          ? 'Saving…'
          : state.kind === 'unsaved'
            ? 'Unsaved changes'
            : state.kind === 'closed'
              ? 'Editing closed'
              : state.message;
}
