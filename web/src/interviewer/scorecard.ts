// The interviewer's scorecard, from the seed's feedback framework: five criteria scored 1-4
// with notes, plus a summary; loaded from and saved to the server (interviewer link only).
import { apiJson } from '../api.js';
import type { Scorecard, StoredScorecard } from '../../../core/scorecard.js';
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

function empty(): Scorecard {
  return {
    criteria: Object.fromEntries(SCORECARD_CRITERIA.map((c) => [c, { score: null, notes: '' }])) as Scorecard['criteria'],
    summary: '',
  };
}

export async function renderScorecard(apiBase: string): Promise<HTMLElement> {
  const stored = await apiJson<ScorecardView>('GET', `${apiBase}/scorecard`);
  const card = stored.scorecard ?? empty();
  const status = h(
    'span',
    { class: 'muted', role: 'status', id: 'scorecard-status' },
    stored.updatedAtMs ? `Saved ${formatTime(stored.updatedAtMs)}` : 'Not saved yet',
  );
  const form = h(
    'form',
    { class: 'scorecard', 'aria-label': 'Scorecard' },
    SCORECARD_CRITERIA.map((c) =>
      h(
        'fieldset',
        { class: 'criterion', 'data-criterion': c },
        h('legend', {}, CRITERIA[c].label),
        h('p', { class: 'muted' }, CRITERIA[c].hint),
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
    h('label', { class: 'notes-label' }, 'Summary and recommendation', h('textarea', { name: 'summary', rows: 4 }, card.summary)),
    h('div', { class: 'form-row' }, h('button', { type: 'submit', class: 'primary', id: 'save-scorecard' }, 'Save scorecard'), status),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = empty();
    for (const c of SCORECARD_CRITERIA) {
      const score = data.get(`${c}-score`);
      next.criteria[c] = { score: score === null ? null : Number(score), notes: String(data.get(`${c}-notes`) ?? '') };
    }
    next.summary = String(data.get('summary') ?? '');
    status.textContent = 'Saving…';
    try {
      const saved = await apiJson<StoredScorecard>('PUT', `${apiBase}/scorecard`, next);
      status.textContent = `Saved ${formatTime(saved.updatedAtMs)}`;
    } catch (error) {
      status.textContent = `Not saved: ${(error as Error).message}`;
    }
  });
  return form;
}
