// The candidate's draft as the API returns it, and the edit events the interviewer plays back.
import { z } from 'zod';
import { DraftEventSchema } from '../draft.js';
import { IntegrityViewSchema } from '../integrity.js';

/** `GET /api/i/:token/draft`. */
export const DraftViewSchema = z.object({
  /** The saved code; null while the candidate has not edited the starter. */
  code: z.string().nullable(),
  /** Saved at, in milliseconds since the epoch (server clock); null when nothing is saved. */
  updatedAtMs: z.number().nullable(),
});
export type DraftView = z.infer<typeof DraftViewSchema>;

/**
 * Says the interview's playback is full, naming both caps: later edits are saved as code but not
 * recorded. Null while edits are recorded.
 */
const PlaybackFullSchema = z.string().nullable();

/** `PUT /api/i/:token/draft`: the code is saved; `playbackFull` says whether this batch's edits were recorded. */
export const DraftSavedSchema = z.object({
  code: z.string(),
  /** Saved at, in milliseconds since the epoch (server clock). */
  updatedAtMs: z.number(),
  playbackFull: PlaybackFullSchema,
});
export type DraftSaved = z.infer<typeof DraftSavedSchema>;

/** `GET /api/i/:token/draft/events` (interviewer): every recorded edit and signal, oldest first, and the signals read. */
export const DraftEventsViewSchema = z.object({
  events: z.array(DraftEventSchema),
  playbackFull: PlaybackFullSchema,
  integrity: IntegrityViewSchema,
});
export type DraftEventsView = z.infer<typeof DraftEventsViewSchema>;

/** The `draft` event of the interviewer's live stream: the candidate's code as just saved, and what they last did. */
export const LiveDraftSchema = z.object({
  code: z.string(),
  updatedAtMs: z.number(),
  /** `edit`, or the last integrity signal of the save (`blur`, `hidden`: away); null: nothing new. */
  activity: z.enum(['edit', 'paste', 'blur', 'focus', 'hidden', 'visible']).nullable(),
});
export type LiveDraft = z.infer<typeof LiveDraftSchema>;
