// The interview's challenges in order, on both pages, when there is more than one: each with the
// time the candidate has spent on it (against its budget, when planned), its latest verdict, which
// one the candidate is on, and which one the page shows. Choosing one calls `onChoose`. The times
// are the server's; the current challenge's counts on from them while the interview runs.
import type { InterviewChallengeEntry, InterviewState } from '../../../core/views/interview-view.js';
import { h, replace } from '../dom.js';
import { formatLeft } from './interview-clock.js';

export interface ChallengeStepsOptions {
  /** The challenge the page shows. */
  shownId: string;
  /** Whose page: the candidate's says "you are here", the interviewer's "the candidate is here". */
  role: 'candidate' | 'interviewer';
  onChoose(challengeId: string): void;
}

export class ChallengeSteps {
  readonly element = h('nav', { id: 'challenge-steps', class: 'challenge-steps', 'aria-label': 'Challenges of this interview' });
  private state: Pick<InterviewState, 'interview' | 'clock'>;
  private times: InterviewState['times'];
  /** This browser's clock when the times were measured. */
  private measuredAt = Date.now();
  private readonly verdicts = new Map<string, string>();

  constructor(
    private readonly entries: InterviewChallengeEntry[],
    state: Pick<InterviewState, 'interview' | 'clock'>,
    private readonly options: ChallengeStepsOptions,
  ) {
    this.state = state;
    this.times = entries.map((e) => ({ challengeId: e.challengeId, spentMs: e.spentMs }));
    this.element.hidden = entries.length < 2;
    // The page's panes leave room for the steps below the top bar.
    if (!this.element.hidden) document.documentElement.style.setProperty('--steps', '40px');
    this.render();
    setInterval(() => this.render(), 1000);
  }

  /** The interview's challenge the candidate is on now. */
  get currentId(): string {
    return this.state.interview.currentChallengeId ?? this.entries[0]!.challengeId;
  }

  update(state: InterviewState): void {
    this.state = state;
    this.times = state.times;
    this.measuredAt = Date.now();
    this.render();
  }

  /** The latest verdict of a challenge's Submit, shown beside it. */
  setVerdict(challengeId: string, verdict: string): void {
    this.verdicts.set(challengeId, verdict);
    this.render();
  }

  private render(): void {
    if (this.element.hidden) return;
    const { clock } = this.state;
    const running = clock.status === 'in_progress' && (clock.deadlineAtMs === null || clock.serverNowMs < clock.deadlineAtMs);
    const since = running ? Date.now() - this.measuredAt : 0;
    const times = new Map(this.times.map((t) => [t.challengeId, t.spentMs + (t.challengeId === this.currentId ? since : 0)]));
    const here = this.options.role === 'candidate' ? 'you are here' : 'the candidate is here';
    replace(
      this.element,
      h(
        'ol',
        {},
        this.entries.map((entry, i) => {
          const spent = times.get(entry.challengeId) ?? 0;
          const over = entry.durationMs !== undefined && spent > entry.durationMs;
          const verdict = this.verdicts.get(entry.challengeId);
          return h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: `challenge-step${over ? ' over' : ''}`,
                'data-challenge': entry.challengeId,
                'aria-current': entry.challengeId === this.options.shownId ? 'page' : null,
                onclick: () => {
                  if (entry.challengeId !== this.options.shownId) this.options.onChoose(entry.challengeId);
                },
              },
              h('span', { class: 'step-title' }, `${i + 1}. ${entry.title}`),
              h(
                'span',
                { class: 'step-time muted' },
                `${formatLeft(spent)}${entry.durationMs !== undefined ? ` of ${Math.round(entry.durationMs / 60_000)} min` : ''}`,
              ),
              entry.challengeId === this.currentId && this.state.clock.status !== 'not_started'
                ? h('span', { class: 'step-here' }, here)
                : null,
              verdict ? h('span', { class: 'step-verdict' }, verdict.replace(/_/g, ' ')) : null,
            ),
          );
        }),
      ),
    );
  }
}
