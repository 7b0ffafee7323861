// The interview's live stream (`GET /api/i/:token/events`, Server-Sent Events): a snapshot of
// every submission, then each change and each case's progress. EventSource reconnects by itself
// after a drop (and gets a fresh snapshot); the page is told so it can say "reconnecting".
import type { InterviewSnapshot, ProgressView } from '../../../core/views/live-event-view.js';
import type { SubmissionView } from '../../../core/views/submission-view.js';

/** `S`: the submission view of the page's role. */
export interface LiveHandlers<S extends SubmissionView> {
  snapshot(submissions: S[]): void;
  submission(submission: S): void;
  progress(event: ProgressView): void;
  connection(state: 'open' | 'reconnecting'): void;
}

export function openLiveEvents<S extends SubmissionView>(apiBase: string, handlers: LiveHandlers<S>): () => void {
  const source = new EventSource(`${apiBase}/events`);
  const parse = <T>(event: Event): T => JSON.parse((event as MessageEvent<string>).data) as T;
  source.addEventListener('open', () => handlers.connection('open'));
  source.addEventListener('error', () => handlers.connection('reconnecting'));
  source.addEventListener('snapshot', (e) => handlers.snapshot(parse<InterviewSnapshot & { submissions: S[] }>(e).submissions));
  source.addEventListener('submission', (e) => handlers.submission(parse<S>(e)));
  source.addEventListener('progress', (e) => handlers.progress(parse<ProgressView>(e)));
  return () => source.close();
}
