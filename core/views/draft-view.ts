// The candidate's draft as the API returns it, and the edit events the interviewer plays back.
import { z } from 'zod';
import { CursorSchema, DraftEventSchema } from '../draft.js';
import { IntegrityViewSchema } from '../integrity.js';

/** `GET /api/i/:token/draft?challenge=<id>` (default: the challenge the candidate is on). */
export const DraftViewSchema = z.object({
  /** The saved code; null while the candidate has not edited the starter. */
  code: z.string().nullable(),
  /** Saved at, in milliseconds since the epoch (server clock); null when nothing is saved. */
  updatedAtMs: z.number().nullable(),
  /** The candidate's cursor at the last save; null when none was saved. */
  cursor: CursorSchema.nullable(),
});
export type DraftView = z.infer<typeof DraftViewSchema>;

/**
 * Says the challenge's playback is full, naming both caps: later edits are saved as code but not
 * recorded. Null while edits are recorded.
 */
const PlaybackFullSchema = z.string().nullable();

/** `PUT /api/i/:token/draft` (`challengeId` in the body, default the one the candidate is on): the code is saved; `playbackFull` says whether this batch's edits were recorded. */
export const DraftSavedSchema = z.object({
  code: z.string(),
  /** Saved at, in milliseconds since the epoch (server clock). */
  updatedAtMs: z.number(),
  cursor: CursorSchema.nullable(),
  playbackFull: PlaybackFullSchema,
});
export type DraftSaved = z.infer<typeof DraftSavedSchema>;

/**
 * `GET /api/i/:token/draft/events?challenge=<id>` (interviewer): every recorded edit and signal of
 * the challenge's draft, oldest first; `integrity` reads the signals of every challenge of the
 * interview (the page's focus and pastes belong to the interview, not one draft).
 */
export const DraftEventsViewSchema = z.object({
  events: z.array(DraftEventSchema),
  playbackFull: PlaybackFullSchema,
  integrity: IntegrityViewSchema,
});
export type DraftEventsView = z.infer<typeof DraftEventsViewSchema>;

/** The `draft` event of the interviewer's live stream: the candidate's code as just saved, and what they last did. */
export const LiveDraftSchema = z.object({
  /** The challenge whose draft this is. */
  challengeId: z.string(),
  code: z.string(),
  updatedAtMs: z.number(),
  /** The candidate's cursor at that save; null when none was saved. */
  cursor: CursorSchema.nullable(),
  /** `edit`, or the last integrity signal of the save (`blur`, `hidden`: away); null: nothing new. */
  activity: z.enum(['edit', 'paste', 'blur', 'focus', 'hidden', 'visible']).nullable(),
});
export type LiveDraft = z.infer<typeof LiveDraftSchema>;
