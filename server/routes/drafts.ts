// The candidate's server-side draft (both roles read it, the candidate writes it) and its edit
// events for the interviewer's playback.
import { z } from 'zod';
import { DraftEventSchema } from '../../core/draft.js';
import type { DraftEventsView, DraftView } from '../../core/views/draft-view.js';
import { assertCodeSize } from '../http/code-size.js';
import { HttpError } from '../http/http-error.js';
import { access, requireRole } from '../http/interview-access.js';
import { validate } from '../http/validate.js';
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
      res.json(await store.putDraft(access(res).interview.id, input.code, input.events, config.GRADER_MAX_DRAFT_EVENTS));
    },
  );

  byToken.get('/draft/events', requireRole('interviewer'), async (_req, res) => {
    res.json({ events: await store.getDraftEvents(access(res).interview.id) } satisfies DraftEventsView);
  });
}
