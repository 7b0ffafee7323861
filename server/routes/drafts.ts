// The candidate's server-side drafts, one per challenge of the interview (both roles read them,
// the candidate writes them), and their edit events for the interviewer's playback, kept within
// a count and a byte cap per challenge: past them the code is still saved, and the answer says the
// playback is full, naming both caps. Once the interview has ended the drafts are closed (a 409).
// A request names its challenge (`?challenge=` or the body's `challengeId`); absent, it is the one
// the candidate is on.
import { z } from 'zod';
import { CursorSchema, DraftEventSchema, type DraftEvent } from '../../core/draft.js';
import type { Interview } from '../../core/interview.js';
import { integrityView } from '../../core/integrity.js';
import type { DraftEventsView, DraftSaved, DraftView } from '../../core/views/draft-view.js';
import type { ServerConfig } from '../config.js';
import { assertCodeSize } from '../http/code-size.js';
import { HttpError } from '../http/http-error.js';
import { access, requestedChallengeId, requireRole } from '../http/interview-access.js';
import { validate } from '../http/validate.js';
import { unlessEnded } from '../interview-end.js';
import type { Store } from '../../store/store.js';
import type { RouteContext, Routes } from './route-context.js';

const ChallengeIdSchema = z.string().max(100).optional();
const DraftSchema = z.strictObject({
  code: z.string(),
  events: z.array(DraftEventSchema).max(1000).default([]),
  challengeId: ChallengeIdSchema,
  /** Where the candidate's cursor is (restored on their next load, shown in the live follow). */
  cursor: CursorSchema.optional(),
});
const DraftQuerySchema = z.strictObject({ challenge: ChallengeIdSchema });

export function draftRoutes({ interview: byToken }: Routes, { config, deps }: RouteContext): void {
  const { store } = deps;

  byToken.get('/draft', async (req, res) => {
    const { interview } = access(res);
    const { challenge } = validate(DraftQuerySchema, req.query, 'query');
    const draft = await store.getDraft(interview.id, requestedChallengeId(interview, challenge));
    res.json((draft ?? { code: null, updatedAtMs: null, cursor: null }) satisfies DraftView);
  });

  byToken.put(
    '/draft',
    requireRole('candidate', () => new HttpError(403, 'only the candidate link edits the draft')),
    async (req, res) => {
      const input = validate(DraftSchema, req.body, 'draft');
      assertCodeSize(input.code, config);
      const { interview } = access(res);
      const challengeId = requestedChallengeId(interview, input.challengeId);
      const { draft, eventsRecorded } = await unlessEnded(deps, config, interview, () =>
        store.putDraft(
          interview.id,
          challengeId,
          input.code,
          input.events,
          {
            maxEvents: config.GRADER_MAX_DRAFT_EVENTS,
            maxBytes: config.GRADER_MAX_DRAFT_EVENT_BYTES,
          },
          input.cursor ?? null,
        ),
      );
      res.json({ ...draft, playbackFull: eventsRecorded ? null : playbackFullMessage(config) } satisfies DraftSaved);
    },
  );

  byToken.get('/draft/events', requireRole('interviewer'), async (req, res) => {
    const { interview } = access(res);
    const { challenge } = validate(DraftQuerySchema, req.query, 'query');
    const challengeId = requestedChallengeId(interview, challenge);
    const [{ events, full }, all] = await Promise.all([
      store.getDraftEvents(interview.id, challengeId),
      interviewSignals(store, interview),
    ]);
    res.json({
      events,
      playbackFull: full ? playbackFullMessage(config) : null,
      integrity: integrityView(all, Date.now()),
    } satisfies DraftEventsView);
  });
}

/** The recorded events of every challenge of the interview, in time order (what the integrity summary reads). */
export async function interviewSignals(store: Store, interview: Interview): Promise<DraftEvent[]> {
  const lists = await Promise.all(interview.challenges.map((c) => store.getDraftEvents(interview.id, c.challengeId)));
  return lists.flatMap((l) => l.events).sort((a, b) => a.t - b.t);
}

export function playbackFullMessage(config: ServerConfig): string {
  return (
    `the playback is full: a challenge's draft records at most ${config.GRADER_MAX_DRAFT_EVENTS} edits (GRADER_MAX_DRAFT_EVENTS) ` +
    `and ${config.GRADER_MAX_DRAFT_EVENT_BYTES} bytes of them (GRADER_MAX_DRAFT_EVENT_BYTES); the code is still saved, later edits are not recorded`
  );
}
