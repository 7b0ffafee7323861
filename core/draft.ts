// The candidate's server-side draft and the edit events kept for the interviewer's playback.
import { z } from 'zod';

export const DraftEventSchema = z.strictObject({
  /** When the edit happened, in milliseconds since the epoch (client clock). */
  t: z.number().int().nonnegative(),
  /** Replaced range start and end, as character offsets in the previous text. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** Inserted text. */
  text: z.string().max(65_536),
});
export type DraftEvent = z.infer<typeof DraftEventSchema>;

export interface Draft {
  code: string;
  /** Saved at, in milliseconds since the epoch (server clock). */
  updatedAtMs: number;
}
