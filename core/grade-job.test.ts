import { describe, expect, it } from 'vitest';
import { gradePriority } from './grade-job.js';

describe('gradePriority', () => {
  it("puts each interview's k-th item in one band, a Run before a Submit within it", () => {
    expect([gradePriority('run', 0), gradePriority('submit', 0), gradePriority('run', 1), gradePriority('submit', 1)]).toEqual([
      1, 2, 3, 4,
    ]);
    // Another interview's first Submit goes before a flooding interview's second Run.
    expect(gradePriority('submit', 0)).toBeLessThan(gradePriority('run', 1));
  });

  it("stays within BullMQ's range whatever the rank", () => {
    expect(gradePriority('submit', 10_000_000)).toBe(2 ** 21 - 1);
    expect(gradePriority('run', -3)).toBe(1);
  });
});
