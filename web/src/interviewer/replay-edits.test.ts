// Edit replay: insertions, deletions and replacements in order; checkpoints give the same text
// as a straight replay; out-of-range offsets are clamped; the timeline keeps the candidate's own
// pauses and cuts idle ones short.
import { describe, expect, it } from 'vitest';
import { Replay, applyEdit, editsAt, playTimeline } from './replay-edits.js';

describe('Replay', () => {
  it('applies inserts, deletes and replacements in order', () => {
    const replay = new Replay('def solve():\n    pass\n', [
      { t: 1, from: 10, to: 10, text: 'spark' },
      { t: 2, from: 22, to: 26, text: 'return 1' },
      { t: 3, from: 0, to: 3, text: 'DEF' },
    ]);
    expect(replay.textAt(0)).toBe('def solve():\n    pass\n');
    expect(replay.textAt(1)).toBe('def solve(spark):\n    pass\n');
    expect(replay.textAt(2)).toBe('def solve(spark):\n    return 1\n');
    expect(replay.textAt(3)).toBe('DEF solve(spark):\n    return 1\n');
    expect(replay.textAt(99)).toBe(replay.textAt(3));
  });

  it('gives the same text through checkpoints as a straight replay', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      t: i,
      from: i % 7,
      to: (i % 7) + (i % 3 === 0 ? 1 : 0),
      text: String.fromCharCode(97 + (i % 26)),
    }));
    const replay = new Replay('start', events);
    let text = 'start';
    events.forEach((e, i) => {
      text = applyEdit(text, e);
      if (i % 97 === 0 || i === events.length - 1) expect(replay.textAt(i + 1)).toBe(text);
    });
  });

  it('clamps offsets past the end', () => {
    expect(applyEdit('abc', { t: 0, from: 10, to: 20, text: 'd' })).toBe('abcd');
    expect(applyEdit('abc', { t: 0, from: 0, to: 99, text: 'x' })).toBe('x');
  });
});

describe('playTimeline', () => {
  it("keeps the candidate's pauses, plays a pause past the idle limit as the idle time, and finds the edits at a time", () => {
    const timeline = playTimeline([{ t: 1_000 }, { t: 1_400 }, { t: 61_400 }, { t: 62_000 }], 5_000, 1_000);
    expect(timeline).toEqual([0, 400, 1_400, 2_000]);
    expect([-1, 0, 399, 400, 1_399, 1_400, 5_000].map((t) => editsAt(timeline, t))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(playTimeline([], 5_000, 1_000)).toEqual([]);
    expect(editsAt([], 10)).toBe(0);
  });
});
