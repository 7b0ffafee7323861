// The candidate's server-side draft (both roles read it, the candidate writes it) and its edit
// events for the interviewer's playback, kept within a count and a byte cap per interview: past
// them the code is still saved, and the answer says the playback is full, naming both caps. Once
// the interview has ended the draft is closed (a 409).
import { z } from 'zod';
import { DraftEventSchema } from '../../core/draft.js';
import { integrityView } from '../../core/integrity.js';
import type { DraftEventsView, DraftSaved, DraftView } from '../../core/views/draft-view.js';
import type { ServerConfig } from '../config.js';
import { assertCodeSize } from '../http/code-size.js';
import { HttpError } from '../http/http-error.js';
import { access, requireRole } from '../http/interview-access.js';
import { validate } from '../http/validate.js';
import { unlessEnded } from '../interview-end.js';
import type { RouteContext, Routes } from './route-context.js';

const DraftSchema = z.strictObject({ code: z.string(), events: z.array(DraftEventSchema).max(1000).default([]) });

export function draftRoutes({ interview: byToken }: Routes, { config, deps }: RouteContext): void {
  const { store } = deps;

  byToken.get('/draft', async (_req, res) => {
    const draft = await store.getDraft(access(res).interview.id);
    res.json((draft ?? { code: null, updatedAtMs: null }) satisfies DraftView);
  });

  byToken.put(
    '/draft',
    requireRole('candidate', () => new HttpError(403, 'only the candidate link edits the draft')),
    async (req, res) => {
      const input = validate(DraftSchema, req.body, 'draft');
      assertCodeSize(input.code, config);
      const { interview } = access(res);
      const { draft, eventsRecorded } = await unlessEnded(deps, config, interview, () =>
        store.putDraft(interview.id, input.code, input.events, {
          maxEvents: config.GRADER_MAX_DRAFT_EVENTS,
          maxBytes: config.GRADER_MAX_DRAFT_EVENT_BYTES,
        }),
      );
      res.json({ ...draft, playbackFull: eventsRecorded ? null : playbackFullMessage(config) } satisfies DraftSaved);
    },
  );

  byToken.get('/draft/events', requireRole('interviewer'), async (_req, res) => {
    const { events, full } = await store.getDraftEvents(access(res).interview.id);
    res.json({
      events,
      playbackFull: full ? playbackFullMessage(config) : null,
      integrity: integrityView(events, Date.now()),
    } satisfies DraftEventsView);
  });
}

export function playbackFullMessage(config: ServerConfig): string {
  return (
    `the playback is full: an interview records at most ${config.GRADER_MAX_DRAFT_EVENTS} edits (GRADER_MAX_DRAFT_EVENTS) ` +
    `and ${config.GRADER_MAX_DRAFT_EVENT_BYTES} bytes of them (GRADER_MAX_DRAFT_EVENT_BYTES); the code is still saved, later edits are not recorded`
  );
}
