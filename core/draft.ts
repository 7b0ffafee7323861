// The candidate's server-side draft and the events kept for the interviewer's playback: edits,
// and integrity signals recorded beside them (never blocking anything): a paste into the
// editor (its size and a preview), the page losing focus or the tab being hidden, and their
// ends; and where the candidate's cursor was at the last save.
import { z } from 'zod';

export const EditEventSchema = z.strictObject({
  /** When the edit happened, in milliseconds since the epoch (client clock). */
  t: z.number().int().nonnegative(),
  /** Replaced range start and end, as character offsets in the previous text. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** Inserted text. */
  text: z.string().max(65_536),
});
export type EditEvent = z.infer<typeof EditEventSchema>;

export const SignalKindSchema = z.enum(['paste', 'blur', 'focus', 'hidden', 'visible']);
export type SignalKind = z.infer<typeof SignalKindSchema>;

export const SignalEventSchema = z.strictObject({
  /** When it happened, in milliseconds since the epoch (client clock). */
  t: z.number().int().nonnegative(),
  signal: SignalKindSchema,
  /** A paste's size, in bytes (UTF-8). */
  bytes: z.number().int().nonnegative().optional(),
  /** A paste's first characters. */
  preview: z.string().max(200).optional(),
});
export type SignalEvent = z.infer<typeof SignalEventSchema>;

export const DraftEventSchema = z.union([EditEventSchema, SignalEventSchema]);
export type DraftEvent = z.infer<typeof DraftEventSchema>;

/** Where the candidate's cursor is, 1-based (Monaco's line and column). */
export const CursorSchema = z.strictObject({
  line: z.number().int().positive().max(1_000_000),
  column: z.number().int().positive().max(1_000_000),
});
export type Cursor = z.infer<typeof CursorSchema>;

export interface Draft {
  code: string;
  /** Saved at, in milliseconds since the epoch (server clock). */
  updatedAtMs: number;
  /** The cursor as last saved; null when none was. */
  cursor: Cursor | null;
}
