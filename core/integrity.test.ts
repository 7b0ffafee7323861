import { describe, expect, it } from 'vitest';
import type { DraftEvent } from './draft.js';
import { describeIntegrity, integritySummary, signalMarks } from './integrity.js';

const edit = (t: number): DraftEvent => ({ t, from: 0, to: 0, text: 'x' });
const events: DraftEvent[] = [
  edit(1_000),
  { t: 2_000, signal: 'paste', bytes: 1_400, preview: 'from pyspark.sql import functions as F' },
  edit(2_001),
  { t: 10_000, signal: 'blur' },
  { t: 10_005, signal: 'hidden' },
  { t: 250_000, signal: 'visible' },
  { t: 250_010, signal: 'focus' },
  { t: 300_000, signal: 'paste', bytes: 20 },
  { t: 400_000, signal: 'hidden' },
];

describe('integrity signals', () => {
  it('sums pastes and time away (a blur and a hide together count once; an open stretch counts until now)', () => {
    const summary = integritySummary(events, 460_000);
    expect(summary).toEqual({ pastes: 2, largestPasteBytes: 1_400, away: 2, awayMs: 240_000 + 60_000 });
    expect(describeIntegrity(summary)).toBe('2 pastes, largest 1.4 KB; away twice, 5 min');
    expect(describeIntegrity(integritySummary([edit(1)], 2))).toBe('no pastes; never away');
  });

  it('marks each paste and each time away at the edit it happened after', () => {
    expect(signalMarks(events, 460_000)).toEqual([
      { t: 2_000, kind: 'paste', label: 'paste 1.4 KB: "from pyspark.sql import functions as F"', editIndex: 1 },
      { t: 10_000, kind: 'away', label: 'away 4 min', editIndex: 2 },
      { t: 300_000, kind: 'paste', label: 'paste 20 B', editIndex: 2 },
      { t: 400_000, kind: 'away', label: 'away 1 min (still)', editIndex: 2 },
    ]);
  });
});
