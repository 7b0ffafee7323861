// Live events (Server-Sent Events): one submission's stream (its state now, progress, the end)
// and the interview's stream (a snapshot, then every new submission, status and progress, and
// the interview's state when it changes: its clock started, was extended or ended, or the
// candidate moved to another challenge; for the interviewer, also the candidate's code each time
// a draft of a challenge is saved: the live follow).
import { interviewState } from '../../core/interview.js';
import { isFinished } from '../../core/verdict.js';
import type { LiveDraft } from '../../core/views/draft-view.js';
import type { InterviewState } from '../../core/views/interview-view.js';
import type { InterviewSnapshot } from '../../core/views/live-event-view.js';
import { access, caseNamesFor, ownSubmission } from '../http/interview-access.js';
import type { SseStream } from '../http/sse.js';
import { openLiveSubscription } from '../live-subscription.js';
import { progressView, submissionView } from '../visibility.js';
import type { RouteContext, Routes } from './route-context.js';

export function liveEventRoutes({ interview: byToken }: Routes, { deps, sse }: RouteContext): void {
  const { store, hub, challenges } = deps;
  const live = { sse, hub };

  byToken.get('/submissions/:id/events', async (req, res) => {
    const record = await ownSubmission(store, req, res);
    const { role } = access(res);
    // Named once per stream: a challenge edited meanwhile only renumbers, and an unknown hidden case stays nameless.
    const names = await caseNamesFor(challenges, access(res));
    const sendState = async (stream: SseStream): Promise<void> => {
      const current = await store.getSubmission(record.id);
      if (!current || stream.closed) return;
      stream.send('submission', submissionView(current, role, names(current.challengeId)));
      if (isFinished(current.status)) stream.end();
    };
    const stream = await openLiveSubscription(
      req,
      res,
      live,
      store.submissionChannel(record.id),
      access(res).tokenHash,
      (event, stream) => {
        if (event.type === 'progress') stream.send('progress', progressView(event, role, names));
        else sendState(stream).catch((error: unknown) => req.log.error({ err: error }, 'event stream read failed'));
      },
    );
    await sendState(stream); // the snapshot: a late client still gets the state (and the end, if finished)
  });

  byToken.get('/events', async (req, res) => {
    const { interview, role } = access(res);
    const names = await caseNamesFor(challenges, access(res));
    const stream = await openLiveSubscription(
      req,
      res,
      live,
      store.interviewChannel(interview.id),
      access(res).tokenHash,
      (event, stream) => {
        if (event.type === 'progress') return stream.send('progress', progressView(event, role, names));
        if (event.type === 'draft') {
          // The live follow is the interviewer's; the candidate has their own editor.
          if (role !== 'interviewer') return;
          store
            .getDraft(interview.id, event.challengeId)
            .then((draft) => {
              if (draft)
                stream.send('draft', {
                  challengeId: event.challengeId,
                  code: draft.code,
                  updatedAtMs: draft.updatedAtMs,
                  cursor: draft.cursor,
                  activity: event.activity,
                } satisfies LiveDraft);
            })
            .catch((error: unknown) => req.log.error({ err: error }, 'event stream read failed'));
          return;
        }
        if (event.type === 'interview') {
          store
            .getInterview(interview.id)
            .then((now) => {
              if (now) stream.send('interview', interviewState(now, Date.now()) satisfies InterviewState);
            })
            .catch((error: unknown) => req.log.error({ err: error }, 'event stream read failed'));
          return;
        }
        store
          .getSubmission(event.submissionId)
          .then((record) => {
            if (record) stream.send('submission', submissionView(record, role, names(record.challengeId)));
          })
          .catch((error: unknown) => req.log.error({ err: error }, 'event stream read failed'));
      },
    );
    stream.send('snapshot', {
      interview,
      submissions: (await store.listSubmissions(interview.id)).map((s) => submissionView(s, role, names(s.challengeId))),
    } satisfies InterviewSnapshot);
  });
}
