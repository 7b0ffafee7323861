// The interviewer's live follow of one challenge: the candidate's code of it as it is saved
// (read-only Monaco, fed by the interview stream's `draft` events, about a second behind the
// typing) with their cursor where they last saved it, and their presence: typing (an edit in the
// last 10 s), idle since, or away since (the page lost focus or was hidden), or on another
// challenge of the interview.
import type { Cursor } from '../../../core/draft.js';
import type { DraftView, LiveDraft } from '../../../core/views/draft-view.js';
import { apiJson } from '../api.js';
import { formatTime, h } from '../dom.js';
import { EDITOR_DEFAULTS, monaco } from '../monaco.js';

const TYPING_MS = 10_000;

export function mountLiveFollow(
  container: HTMLElement,
  apiBase: string,
  challengeId: string,
  starter: string,
): { update(draft: LiveDraft): void; elsewhere(title: string | null): void; layout(): void } {
  const presence = h('p', { id: 'follow-presence', class: 'follow-presence muted', role: 'status' }, 'Waiting for the candidate…');
  const host = h('div', { class: 'editor-host follow-editor', id: 'follow-editor' });
  container.append(presence, host);
  const model = monaco.editor.createModel(starter, 'python');
  const editor = monaco.editor.create(host, {
    ...EDITOR_DEFAULTS,
    model,
    readOnly: true,
    ariaLabel: "The candidate's code, live (read-only)",
  });

  let lastEditAt: number | null = null;
  let awaySince: number | null = null;
  let savedAt: number | null = null;
  let otherChallenge: string | null = null;
  const render = (): void => {
    const now = Date.now();
    const saved = savedAt ? ` · saved ${formatTime(savedAt)}` : '';
    if (otherChallenge !== null) presence.textContent = `The candidate is on another challenge: ${otherChallenge}${saved}`;
    else if (awaySince !== null) presence.textContent = `Away since ${formatTime(awaySince)}${saved}`;
    else if (lastEditAt !== null && now - lastEditAt < TYPING_MS) presence.textContent = `Typing${saved}`;
    else if (lastEditAt !== null) presence.textContent = `Idle since ${formatTime(lastEditAt)}${saved}`;
    else presence.textContent = savedAt ? `Idle${saved}` : 'Not edited yet (the starter code)';
    presence.dataset.presence =
      otherChallenge !== null
        ? 'elsewhere'
        : awaySince !== null
          ? 'away'
          : lastEditAt !== null && now - lastEditAt < TYPING_MS
            ? 'typing'
            : 'idle';
  };
  setInterval(render, 1000);
  render();

  const cursorMark = editor.createDecorationsCollection();
  const show = (code: string, cursor: Cursor | null): void => {
    if (model.getValue() !== code) {
      const view = editor.saveViewState();
      model.setValue(code);
      if (view) editor.restoreViewState(view);
    }
    if (!cursor || cursor.line > model.getLineCount()) return cursorMark.clear();
    const column = Math.min(cursor.column, model.getLineMaxColumn(cursor.line));
    cursorMark.set([
      {
        range: new monaco.Range(cursor.line, column, cursor.line, column),
        options: { beforeContentClassName: 'follow-cursor', stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
      },
    ]);
    editor.revealLineInCenterIfOutsideViewport(cursor.line);
  };
  apiJson<DraftView>('GET', `${apiBase}/draft?challenge=${encodeURIComponent(challengeId)}`).then(
    (draft) => {
      if (draft.code !== null) show(draft.code, draft.cursor);
      savedAt = draft.updatedAtMs;
      render();
    },
    (error: unknown) => console.warn('live follow: draft load failed', error),
  );

  return {
    update(draft) {
      if (draft.challengeId !== challengeId) return;
      show(draft.code, draft.cursor);
      savedAt = draft.updatedAtMs;
      if (draft.activity === 'edit' || draft.activity === 'paste') lastEditAt = Date.now();
      if (draft.activity === 'blur' || draft.activity === 'hidden') awaySince ??= Date.now();
      if (draft.activity === 'focus' || draft.activity === 'visible' || draft.activity === 'edit') awaySince = null;
      render();
    },
    elsewhere(title) {
      otherChallenge = title;
      render();
    },
    layout() {
      editor.layout();
    },
  };
}
