// Replays the candidate's recorded edits ({t, from, to, text}, offsets in the previous text)
// from the starter code: the text after any number of edits, with a checkpoint every few
// hundred edits so scrubbing a long session stays instant; and the playback's timeline, the
// candidate's own time with each idle stretch cut short.
import type { EditEvent } from '../../../core/draft.js';

const CHECKPOINT_EVERY = 250;

export function applyEdit(text: string, e: EditEvent): string {
  // Offsets past the end (a lost edit upstream) are clamped rather than corrupting the rest.
  const from = Math.min(e.from, text.length);
  const to = Math.min(Math.max(e.to, from), text.length);
  return text.slice(0, from) + e.text + text.slice(to);
}

export class Replay {
  private readonly checkpoints: string[];

  constructor(
    readonly start: string,
    readonly events: EditEvent[],
  ) {
    this.checkpoints = [start];
    let text = start;
    events.forEach((e, i) => {
      text = applyEdit(text, e);
      if ((i + 1) % CHECKPOINT_EVERY === 0) this.checkpoints.push(text);
    });
  }

  /** The text after the first `count` edits (0: the start). */
  textAt(count: number): string {
    const n = Math.max(0, Math.min(count, this.events.length));
    const checkpoint = Math.floor(n / CHECKPOINT_EVERY);
    let text = this.checkpoints[checkpoint]!;
    for (let i = checkpoint * CHECKPOINT_EVERY; i < n; i++) text = applyEdit(text, this.events[i]!);
    return text;
  }
}

/**
 * Where each edit falls on the playback's timeline, in milliseconds from the first edit: the
 * candidate's own pauses, except that a pause longer than `idleMs` counts as `idlePlaysMs`.
 */
export function playTimeline(events: Pick<EditEvent, 't'>[], idleMs: number, idlePlaysMs: number): number[] {
  const times: number[] = [];
  events.forEach((e, i) => {
    const pause = i === 0 ? 0 : Math.max(0, e.t - events[i - 1]!.t);
    times.push(i === 0 ? 0 : times[i - 1]! + (pause > idleMs ? idlePlaysMs : pause));
  });
  return times;
}

/** How many edits of `timeline` have happened at play time `atMs` (0 before the first). */
export function editsAt(timeline: number[], atMs: number): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid]! <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
