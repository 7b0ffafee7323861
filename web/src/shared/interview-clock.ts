// The interview's clock on both pages: "Not started", "12:04 left", "No time limit" or "Ended",
// counted down against the server's clock (the offset measured when the state arrived, so a
// wrong clock on the candidate's machine changes nothing), and one call of `onEnded` when the
// interview ends: the countdown reaching zero, or a new state saying so (the interviewer ended
// it, the live stream told).
import type { InterviewState } from '../../../core/views/interview-view.js';
import { h } from '../dom.js';

/** What the clock reads of an interview's state (the interview view has it too). */
type ClockState = Pick<InterviewState, 'interview' | 'clock'>;

const ENDED_BY: Record<string, string> = { deadline: 'time is up', interviewer: 'ended by the interviewer', admin: 'ended by the admin' };

export class InterviewClockView {
  readonly element = h('span', { id: 'interview-clock', class: 'interview-clock', role: 'timer', 'aria-live': 'off' });
  private state: ClockState;
  private offsetMs = 0;
  private endedCalled = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    state: ClockState,
    private readonly onEnded: (state: ClockState) => void,
  ) {
    this.state = state;
    this.update(state);
    this.timer = setInterval(() => this.render(), 1000);
  }

  /** A newer state from the server (the view, an `interview` event, an end or extend answer). */
  update(state: ClockState): void {
    this.state = state;
    this.offsetMs = state.clock.serverNowMs - Date.now();
    this.render();
  }

  get ended(): boolean {
    return this.endedCalled;
  }

  private render(): void {
    const { clock, interview } = this.state;
    const now = Date.now() + this.offsetMs;
    const ended = clock.status === 'ended' || (clock.deadlineAtMs !== null && now >= clock.deadlineAtMs);
    this.element.classList.toggle('ended', ended);
    if (ended) {
      this.element.textContent = `Ended${interview.endedBy ? ` (${ENDED_BY[interview.endedBy] ?? interview.endedBy})` : ''}`;
      if (!this.endedCalled) {
        this.endedCalled = true;
        clearInterval(this.timer);
        this.onEnded(this.state);
      }
      return;
    }
    if (clock.status === 'not_started') {
      this.element.textContent = interview.durationMs ? `Not started · ${formatLeft(interview.durationMs)} once opened` : 'Not started';
      return;
    }
    if (clock.deadlineAtMs === null) {
      this.element.textContent = 'No time limit';
      return;
    }
    const left = clock.deadlineAtMs - now;
    this.element.textContent = `${formatLeft(left)} left`;
    this.element.classList.toggle('warn', left < 5 * 60_000);
  }
}

/** `1:02:05`, `12:04`, `0:09`. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
