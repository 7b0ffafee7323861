// The interviewer's scorecard, from the seed's feedback framework: five criteria scored 1-4
// with notes, a summary, a hire / no-hire recommendation and notes stamped as they are taken
// during the interview; loaded from the server (interviewer link only) and saved as the
// interviewer types (and on "Save"), with its state shown ("Unsaved changes", "Saving…",
// "Saved 14:02") and a prompt before leaving the page while a change is not saved yet.
import { apiJson } from '../api.js';
import type { Recommendation, Scorecard, StoredScorecard } from '../../../core/scorecard.js';
import type { ScorecardView } from '../../../core/views/scorecard-view.js';
import { formatTime, h } from '../dom.js';

type Criterion = keyof Scorecard['criteria'];

/** Every criterion of core's scorecard (the Record type makes a missing one a type error), in display order. */
const CRITERIA: Record<Criterion, { label: string; hint: string }> = {
  problemSolving: { label: 'Problem solving', hint: 'How the candidate approaches complex problems.' },
  technicalKnowledge: { label: 'Technical knowledge', hint: 'Depth of PySpark understanding.' },
  codeQuality: { label: 'Code quality', hint: 'Clean, efficient, well-structured solutions.' },
  systemThinking: { label: 'System thinking', hint: 'Understanding of distributed systems (shuffles, skew, plans).' },
  communication: { label: 'Communication', hint: 'Clear explanation of technical concepts.' },
};
const SCORECARD_CRITERIA = Object.keys(CRITERIA) as Criterion[];
const SCORES = [
  [1, 'weak'],
  [2, 'mixed'],
  [3, 'good'],
  [4, 'strong'],
] as const;

const RECOMMENDATIONS: [Recommendation, string][] = [
  ['strong_hire', 'Strong hire'],
  ['hire', 'Hire'],
  ['no_hire', 'No hire'],
  ['strong_no_hire', 'Strong no hire'],
];
/** Quiet time after the last keystroke before the scorecard is saved, in milliseconds. */
const AUTOSAVE_MS = 800;

function empty(): Scorecard {
  return {
    criteria: Object.fromEntries(SCORECARD_CRITERIA.map((c) => [c, { score: null, notes: '' }])) as Scorecard['criteria'],
    summary: '',
    recommendation: null,
    notes: [],
  };
}

/** Criteria whose evidence includes what Spark measured: they link to the latest submission's findings. */
const SPARK_CRITERIA: Criterion[] = ['technicalKnowledge', 'systemThinking'];

/** `onShowFindings` opens the latest graded submission at its Spark findings. */
export async function renderScorecard(apiBase: string, onShowFindings?: () => void): Promise<HTMLElement> {
  const stored = await apiJson<ScorecardView>('GET', `${apiBase}/scorecard`);
  const card = stored.scorecard ?? empty();
  const notes = [...card.notes];
  const status = h(
    'span',
    { class: 'muted', role: 'status', id: 'scorecard-status' },
    stored.updatedAtMs ? `Saved ${formatTime(stored.updatedAtMs)}` : 'Not saved yet',
  );
  const noteList = h('ol', { class: 'timed-notes', id: 'timed-notes' });
  const noteInput = h('input', {
    type: 'text',
    id: 'new-note',
    maxlength: 2000,
    placeholder: 'A note, stamped with the time (Enter adds it)',
  });
  const renderNotes = (): void => {
    noteList.replaceChildren(
      ...notes.map((n) => h('li', {}, h('time', { datetime: new Date(n.atMs).toISOString() }, formatTime(n.atMs)), ' ', n.text)),
    );
  };
  renderNotes();
  const form = h(
    'form',
    { class: 'scorecard', 'aria-label': 'Scorecard' },
    h(
      'fieldset',
      { class: 'criterion' },
      h('legend', {}, 'Notes during the interview'),
      noteList,
      h('div', { class: 'form-row' }, h('label', { for: 'new-note', class: 'visually-hidden' }, 'New note'), noteInput),
    ),
    SCORECARD_CRITERIA.map((c) =>
      h(
        'fieldset',
        { class: 'criterion', 'data-criterion': c },
        h('legend', {}, CRITERIA[c].label),
        h('p', { class: 'muted' }, CRITERIA[c].hint),
        SPARK_CRITERIA.includes(c) && onShowFindings
          ? h(
              'button',
              { type: 'button', class: 'link-button spark-findings-link', onclick: onShowFindings },
              'Spark findings of the latest submission',
            )
          : null,
        h(
          'div',
          { class: 'score-options' },
          SCORES.map(([value, word]) =>
            h(
              'label',
              { class: 'score-option' },
              h('input', { type: 'radio', name: `${c}-score`, value, checked: card.criteria[c].score === value }),
              ` ${value} `,
              h('span', { class: 'muted' }, word),
            ),
          ),
        ),
        h('label', { class: 'notes-label' }, 'Notes', h('textarea', { name: `${c}-notes`, rows: 2 }, card.criteria[c].notes)),
      ),
    ),
    h('label', { class: 'notes-label' }, 'Summary', h('textarea', { name: 'summary', rows: 4 }, card.summary)),
    h(
      'fieldset',
      { class: 'criterion' },
      h('legend', {}, 'Recommendation'),
      h(
        'div',
        { class: 'score-options' },
        RECOMMENDATIONS.map(([value, label]) =>
          h(
            'label',
            { class: 'score-option' },
            h('input', { type: 'radio', name: 'recommendation', value, checked: card.recommendation === value }),
            ` ${label}`,
          ),
        ),
      ),
    ),
    h('div', { class: 'form-row' }, h('button', { type: 'submit', class: 'primary', id: 'save-scorecard' }, 'Save scorecard'), status),
  );

  const read = (): Scorecard => {
    const data = new FormData(form);
    const next = empty();
    for (const c of SCORECARD_CRITERIA) {
      const score = data.get(`${c}-score`);
      next.criteria[c] = { score: score === null ? null : Number(score), notes: String(data.get(`${c}-notes`) ?? '') };
    }
    next.summary = String(data.get('summary') ?? '');
    next.recommendation = (data.get('recommendation') as Recommendation | null) ?? null;
    next.notes = [...notes];
    return next;
  };

  // Saving: one PUT at a time; a change made meanwhile is saved right after it.
  let dirty = false;
  let saving = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async (): Promise<void> => {
    clearTimeout(timer);
    if (saving || !dirty) return;
    saving = true;
    dirty = false;
    status.textContent = 'Saving…';
    try {
      const saved = await apiJson<StoredScorecard>('PUT', `${apiBase}/scorecard`, read());
      status.textContent = dirty ? 'Unsaved changes' : `Saved ${formatTime(saved.updatedAtMs)}`;
    } catch (error) {
      dirty = true;
      status.textContent = `Not saved: ${(error as Error).message} (retrying)`;
      timer = setTimeout(() => void save(), 5_000);
    } finally {
      saving = false;
      if (dirty) timer = setTimeout(() => void save(), AUTOSAVE_MS);
    }
  };
  const changed = (): void => {
    dirty = true;
    status.textContent = 'Unsaved changes';
    clearTimeout(timer);
    timer = setTimeout(() => void save(), AUTOSAVE_MS);
  };
  form.addEventListener('input', (e) => {
    if (e.target !== noteInput) changed();
  });
  noteInput.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const text = noteInput.value.trim();
    if (!text) return;
    notes.push({ atMs: Date.now(), text });
    noteInput.value = '';
    renderNotes();
    changed();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    dirty = true;
    void save();
  });
  window.addEventListener('beforeunload', (e) => {
    if (!dirty && !saving) return;
    e.preventDefault();
    e.returnValue = ''; // Chromium shows its "Leave site?" prompt only when this is set
  });
  return form;
}
