// Code playback for the interviewer: the candidate's recorded edits replayed from the starter in
// a read-only editor, scrubbed by time with a slider or played in the candidate's own time at a
// chosen speed (idle stretches cut to a second on both), refreshed as the candidate's drafts are
// saved (the page calls `refresh` on the live stream's draft events); the integrity
// signals (pastes, time away) summed up, and a mark for each paste, time away, Run and Submit
// (with its verdict), each jumping to the edit it happened at.
import { apiJson } from '../api.js';
import type { EditEvent } from '../../../core/draft.js';
import type { IntegrityView } from '../../../core/integrity.js';
import type { DraftEventsView } from '../../../core/views/draft-view.js';
import { formatTime, h } from '../dom.js';
import { EDITOR_DEFAULTS, monaco } from '../monaco.js';
import { Replay, editsAt, playTimeline } from './replay-edits.js';

/** A pause between two edits longer than this plays as IDLE_PLAYS_MS: the idle stretch is skipped. */
const IDLE_MS = 5_000;
const IDLE_PLAYS_MS = 1_000;
const SPEEDS = [1, 2, 4, 8, 16, 32];

/** A Run or Submit to mark on the playback's timeline. */
export interface SubmissionMark {
  createdAtMs: number;
  label: string;
}

export function mountPlayback(
  container: HTMLElement,
  /** Where the challenge's recorded events are read (`GET /api/i/:token/draft/events?challenge=<id>`). */
  eventsUrl: string,
  starter: string,
  /** Told the signals on every refresh (the interviewer page's integrity summary). */
  onIntegrity: (integrity: IntegrityView) => void = () => undefined,
  /** The interview's Runs and Submits now, for their marks. */
  submissions: () => SubmissionMark[] = () => [],
): { refresh(): Promise<void> } {
  const slider = h('input', {
    type: 'range',
    id: 'playback-slider',
    min: 0,
    max: 0,
    value: 0,
    step: 100,
    'aria-label': 'Time in the playback',
  });
  const position = h('span', { id: 'playback-position', class: 'muted', 'aria-live': 'off' }, 'No edits yet');
  const playButton = h('button', { type: 'button', class: 'secondary', id: 'playback-play' }, 'Play');
  const speed = h(
    'select',
    { id: 'playback-speed', 'aria-label': 'Playback speed' },
    SPEEDS.map((x) => h('option', { value: x, selected: x === 8 }, `${x}x`)),
  );
  const full = h('p', { id: 'playback-full', class: 'notice', hidden: true });
  const summary = h('p', { id: 'playback-integrity', class: 'muted' });
  const marks = h('ol', { id: 'playback-marks', class: 'playback-marks', 'aria-label': 'Pastes, time away, Runs and Submits' });
  const host = h('div', { class: 'editor-host playback-editor' });
  container.append(
    h(
      'div',
      { class: 'playback-controls' },
      playButton,
      speed,
      h('label', { for: 'playback-slider', class: 'visually-hidden' }, 'Time in the playback'),
      slider,
      position,
    ),
    full,
    summary,
    marks,
    host,
  );

  const model = monaco.editor.createModel(starter, 'python');
  const editor = monaco.editor.create(host, {
    ...EDITOR_DEFAULTS,
    model,
    readOnly: true,
    ariaLabel: "Playback of the candidate's edits (read-only)",
  });
  const decorations = editor.createDecorationsCollection();
  let replay = new Replay(starter, []);
  /** Each edit's place on the slider, in play milliseconds. */
  let timeline: number[] = [];
  let shown = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clockOf = (ms: number): string => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

  /** Shows the text after `count` edits; `atMs`: where the slider stands (default: at that edit). */
  const show = (count: number, atMs = count === 0 ? 0 : timeline[count - 1]!): void => {
    shown = count;
    const text = replay.textAt(count);
    if (model.getValue() !== text) model.setValue(text);
    slider.value = String(atMs);
    const event: EditEvent | undefined = replay.events[count - 1];
    position.textContent =
      replay.events.length === 0
        ? 'No edits yet'
        : `${clockOf(atMs)} of ${clockOf(timeline.at(-1)!)} (idle cut) · edit ${count} of ${replay.events.length}${event ? ` · ${formatTime(event.t)}` : ' · starter code'}`;
    slider.setAttribute('aria-valuetext', position.textContent);
    if (event) {
      const start = model.getPositionAt(Math.min(event.from, text.length));
      const end = model.getPositionAt(Math.min(event.from + event.text.length, text.length));
      decorations.set([
        {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, Math.max(end.column, start.column + 1)),
          options: { className: 'playback-edit', isWholeLine: event.text.includes('\n') },
        },
      ]);
      editor.revealPositionInCenterIfOutsideViewport(start);
    } else {
      decorations.clear();
    }
  };
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
    playButton.textContent = 'Play';
  };
  // Each edit after the candidate's own pause before it, sped up; a long pause plays as a second.
  const step = (): void => {
    const next = shown + 1;
    if (next > replay.events.length) return stop();
    show(next);
    if (next >= replay.events.length) return stop();
    timer = setTimeout(step, (timeline[next]! - timeline[next - 1]!) / Number(speed.value));
  };
  playButton.addEventListener('click', () => {
    if (timer) return stop();
    if (shown >= replay.events.length) show(0);
    playButton.textContent = 'Pause';
    timer = setTimeout(step, 0);
  });
  slider.addEventListener('input', () => {
    stop();
    // The slider's start is the starter code; the first edit is just after it.
    const atMs = Number(slider.value);
    show(atMs === 0 ? 0 : editsAt(timeline, atMs), atMs);
  });

  const refresh = async (): Promise<void> => {
    const { events, playbackFull, integrity } = await apiJson<DraftEventsView>('GET', eventsUrl);
    full.hidden = playbackFull === null;
    full.textContent = playbackFull === null ? '' : `Playback ends early: ${playbackFull}.`;
    onIntegrity(integrity);
    summary.textContent = `Recorded: ${integrity.description}.`;
    const edits = events.filter((e): e is EditEvent => 'from' in e);
    const editsBefore = (t: number): number => edits.filter((e) => e.t <= t).length;
    const all = [
      ...integrity.marks,
      ...submissions().map((sub) => ({
        t: sub.createdAtMs,
        kind: 'submission',
        label: sub.label,
        editIndex: editsBefore(sub.createdAtMs),
      })),
    ].sort((a, b) => a.t - b.t);
    marks.replaceChildren(
      ...all.map((m) => {
        const jump = h(
          'button',
          { type: 'button', class: `secondary small mark-${m.kind}`, 'data-edit': m.editIndex },
          `${formatTime(m.t)} ${m.label}`,
        );
        jump.addEventListener('click', () => {
          stop();
          show(m.editIndex);
        });
        return h('li', {}, jump);
      }),
    );
    if (edits.length === replay.events.length) return;
    const atEnd = shown >= replay.events.length;
    replay = new Replay(starter, edits);
    timeline = playTimeline(edits, IDLE_MS, IDLE_PLAYS_MS);
    slider.max = String(timeline.at(-1) ?? 0);
    if (atEnd && !timer) show(edits.length);
  };
  return { refresh };
}
