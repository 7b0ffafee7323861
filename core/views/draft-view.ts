// The candidate's draft as the API returns it, and the edit events the interviewer plays back.
import { z } from 'zod';
import { DraftEventSchema } from '../draft.js';

/** `GET /api/i/:token/draft` (`PUT` answers the saved `Draft` of core/draft.ts). */
export const DraftViewSchema = z.object({
  /** The saved code; null while the candidate has not edited the starter. */
  code: z.string().nullable(),
  /** Saved at, in milliseconds since the epoch (server clock); null when nothing is saved. */
  updatedAtMs: z.number().nullable(),
});
export type DraftView = z.infer<typeof DraftViewSchema>;

/** `GET /api/i/:token/draft/events` (interviewer): every recorded edit, oldest first. */
export const DraftEventsViewSchema = z.object({ events: z.array(DraftEventSchema) });
export type DraftEventsView = z.infer<typeof DraftEventsViewSchema>;
