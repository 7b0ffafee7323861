// The candidate's integrity signals as the interviewer reads them: edits and signals split
// apart, the summary ("3 pastes, largest 1.4 KB; away twice, 4 min") and the marks the playback
// shows (each paste and each time away, with the edit it happened at). Recorded, never blocking.
// The server answers them with the draft events and puts them in the report.
import { z } from 'zod';
import type { DraftEvent, EditEvent, SignalEvent } from './draft.js';

export const isEdit = (e: DraftEvent): e is EditEvent => 'from' in e;

export const IntegritySummarySchema = z.object({
  pastes: z.number().int().nonnegative(),
  largestPasteBytes: z.number().int().nonnegative(),
  /** Times the page lost focus or was hidden (a blur and a hide together count once). */
  away: z.number().int().nonnegative(),
  /** Time away in all, in milliseconds (a stretch still open counts until the answer). */
  awayMs: z.number().nonnegative(),
});
export type IntegritySummary = z.infer<typeof IntegritySummarySchema>;

export const SignalMarkSchema = z.object({
  t: z.number(),
  kind: z.enum(['paste', 'away']),
  /** What the mark says: `paste 1.4 KB: "from pyspark…"`, `away 4 min`. */
  label: z.string(),
  /** Edits before it: where the playback shows it. */
  editIndex: z.number().int().nonnegative(),
});
export type SignalMark = z.infer<typeof SignalMarkSchema>;

/** What the interviewer is shown of the signals: the numbers, the sentence, the marks. */
export const IntegrityViewSchema = z.object({ summary: IntegritySummarySchema, description: z.string(), marks: z.array(SignalMarkSchema) });
export type IntegrityView = z.infer<typeof IntegrityViewSchema>;

/** Sizes in the units a reader expects: `820 B`, `1.4 KB`, `2.1 MB`. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} KB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** `45 s`, `4 min`, `1 h 5 min`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export function signalMarks(events: DraftEvent[], nowMs: number): SignalMark[] {
  const marks: SignalMark[] = [];
  let edits = 0;
  let awaySince: { t: number; editIndex: number } | null = null;
  for (const e of events) {
    if (isEdit(e)) {
      edits += 1;
      continue;
    }
    const s: SignalEvent = e;
    if (s.signal === 'paste') {
      const preview = s.preview ? `: "${s.preview.length > 40 ? `${s.preview.slice(0, 40)}…` : s.preview}"` : '';
      marks.push({ t: s.t, kind: 'paste', label: `paste ${formatBytes(s.bytes ?? 0)}${preview}`, editIndex: edits });
    } else if (s.signal === 'blur' || s.signal === 'hidden') {
      awaySince ??= { t: s.t, editIndex: edits };
    } else if (awaySince) {
      marks.push({ t: awaySince.t, kind: 'away', label: `away ${formatDuration(s.t - awaySince.t)}`, editIndex: awaySince.editIndex });
      awaySince = null;
    }
  }
  if (awaySince)
    marks.push({
      t: awaySince.t,
      kind: 'away',
      label: `away ${formatDuration(nowMs - awaySince.t)} (still)`,
      editIndex: awaySince.editIndex,
    });
  return marks;
}

export function integritySummary(events: DraftEvent[], nowMs: number): IntegritySummary {
  const pastes = events.filter((e): e is SignalEvent => !isEdit(e) && e.signal === 'paste');
  let away = 0;
  let awayMs = 0;
  let since: number | null = null;
  for (const e of events) {
    if (isEdit(e)) continue;
    if (e.signal === 'blur' || e.signal === 'hidden') {
      if (since === null) {
        since = e.t;
        away += 1;
      }
    } else if ((e.signal === 'focus' || e.signal === 'visible') && since !== null) {
      awayMs += e.t - since;
      since = null;
    }
  }
  if (since !== null) awayMs += Math.max(0, nowMs - since);
  return { pastes: pastes.length, largestPasteBytes: Math.max(0, ...pastes.map((p) => p.bytes ?? 0)), away, awayMs };
}

export function describeIntegrity(s: IntegritySummary): string {
  const pastes =
    s.pastes === 0 ? 'no pastes' : `${s.pastes} paste${s.pastes === 1 ? '' : 's'}, largest ${formatBytes(s.largestPasteBytes)}`;
  const times = s.away === 1 ? 'once' : s.away === 2 ? 'twice' : `${s.away} times`;
  const away = s.away === 0 ? 'never away' : `away ${times}, ${formatDuration(s.awayMs)}`;
  return `${pastes}; ${away}`;
}

export function integrityView(events: DraftEvent[], nowMs: number): IntegrityView {
  const summary = integritySummary(events, nowMs);
  return { summary, description: describeIntegrity(summary), marks: signalMarks(events, nowMs) };
}
