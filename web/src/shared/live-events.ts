// The interview's live stream (`GET /api/i/:token/events`, Server-Sent Events): a snapshot of
// every submission, then each change and each case's progress. EventSource reconnects by itself
// after a drop (and gets a fresh snapshot); the page is told so it can say "reconnecting".
import type { ProgressEvent, SubmissionView } from '../api-types.js';

export interface LiveHandlers {
  snapshot(submissions: SubmissionView[]): void;
  submission(submission: SubmissionView): void;
  progress(event: ProgressEvent): void;
  connection(state: 'open' | 'reconnecting'): void;
}

export function openLiveEvents(apiBase: string, handlers: LiveHandlers): () => void {
  const source = new EventSource(`${apiBase}/events`);
  const parse = <T>(event: Event): T => JSON.parse((event as MessageEvent<string>).data) as T;
  source.addEventListener('open', () => handlers.connection('open'));
  source.addEventListener('error', () => handlers.connection('reconnecting'));
  source.addEventListener('snapshot', (e) => handlers.snapshot(parse<{ submissions: SubmissionView[] }>(e).submissions));
  source.addEventListener('submission', (e) => handlers.submission(parse<SubmissionView>(e)));
  source.addEventListener('progress', (e) => handlers.progress(parse<ProgressEvent>(e)));
  return () => source.close();
}
