// The interview's submissions as its live stream keeps them (`GET /api/i/:token/events`,
// Server-Sent Events), for both pages: a snapshot on every connect, then each change and each
// finished case, and the interview's state when it changes; the page's live badge says whether
// the stream is open. A page showing one challenge of the interview keeps that challenge's
// submissions only. EventSource reconnects by itself after a drop (and gets a fresh snapshot).
import type { LiveDraft } from '../../../core/views/draft-view.js';
import type { InterviewState } from '../../../core/views/interview-view.js';
import type { InterviewSnapshot, ProgressView } from '../../../core/views/live-event-view.js';
import type { SubmissionView } from '../../../core/views/submission-view.js';

/** `S`: the submission view of the page's role. */
export interface FeedHandlers<S extends SubmissionView> {
  /** A snapshot arrived (on connect and after every reconnect); `list` is oldest first. */
  snapshot(list: S[]): void;
  /** One submission is new or changed: its status, its result, or a case that finished. */
  changed(submission: S, isNew: boolean): void;
  /** The interview changed: its clock started, was extended or ended, or the candidate moved to another challenge. */
  interview?(state: InterviewState): void;
  /** The candidate's draft of a challenge was saved (interviewer streams only): the live follow. */
  draft?(draft: LiveDraft): void;
}

export interface FeedOptions {
  /** Keep only this challenge's submissions. */
  challengeId: string;
}

export class SubmissionFeed<S extends SubmissionView> {
  private readonly byId = new Map<string, S>();
  private readonly lastCases = new Map<string, string>();

  constructor(
    apiBase: string,
    liveState: HTMLElement,
    private readonly handlers: FeedHandlers<S>,
    private readonly options: FeedOptions,
  ) {
    const source = new EventSource(`${apiBase}/events`);
    const parse = <T>(event: Event): T => JSON.parse((event as MessageEvent<string>).data) as T;
    const connection = (state: 'open' | 'reconnecting'): void => {
      liveState.textContent = state === 'open' ? 'Live' : 'Reconnecting…';
      liveState.className = `live-state ${state === 'open' ? 'ok' : 'warn'}`;
    };
    source.addEventListener('open', () => connection('open'));
    source.addEventListener('error', () => connection('reconnecting'));
    source.addEventListener('snapshot', (e) => {
      const list = parse<InterviewSnapshot & { submissions: S[] }>(e).submissions.filter((s: S) => this.mine(s));
      for (const s of list) this.byId.set(s.id, s);
      handlers.snapshot(list);
    });
    source.addEventListener('submission', (e) => this.upsert(parse<S>(e)));
    source.addEventListener('interview', (e) => handlers.interview?.(parse<InterviewState>(e)));
    source.addEventListener('draft', (e) => handlers.draft?.(parse<LiveDraft>(e)));
    source.addEventListener('progress', (e) => {
      const event = parse<ProgressView>(e);
      const s = this.byId.get(event.submissionId);
      if (!s) return;
      this.lastCases.set(s.id, event.caseName);
      this.upsert({ ...s, status: 'running', casesDone: event.casesDone, casesTotal: event.casesTotal });
    });
  }

  get(id: string | null): S | undefined {
    return id === null ? undefined : this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Oldest first. */
  ordered(): S[] {
    return [...this.byId.values()].sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  /** `Run 2`, `Submit 1`: the submission's place among the challenge's submissions of its kind (`(at the end)`: the server's). */
  label(s: S): string {
    const sameKind = this.ordered().filter((x) => x.kind === s.kind);
    const label = `${s.kind === 'run' ? 'Run' : 'Submit'} ${sameKind.findIndex((x) => x.id === s.id) + 1}${s.custom ? ' (own rows)' : ''}`;
    return s.origin === 'interview_end' ? `${label} (at the end)` : label;
  }

  /** The case that finished last, as this role may name it; null before the first. */
  lastCase(id: string): string | null {
    return this.lastCases.get(id) ?? null;
  }

  /** A submission this page just made, kept until the stream reports it (no handler is called). */
  add(s: S): void {
    if (!this.byId.has(s.id)) this.byId.set(s.id, s);
  }

  private mine(s: S): boolean {
    return s.challengeId === this.options.challengeId;
  }

  private upsert(s: S): void {
    if (!this.mine(s)) return;
    const isNew = !this.byId.has(s.id);
    this.byId.set(s.id, s);
    this.handlers.changed(s, isNew);
  }
}
