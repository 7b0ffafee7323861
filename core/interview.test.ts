import { describe, expect, it } from 'vitest';
import { InterviewSchema, challengeTimes, currentChallengeId, interviewClock, type Interview } from './interview.js';
import { plannedDurationMs } from './interview-template.js';

const base: Interview = { id: 'i', challenges: [{ challengeId: 'c' }], candidateName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };

describe('interviewClock', () => {
  it('is not started until the candidate opens the link, timed or not', () => {
    expect(interviewClock(base, 5)).toEqual({ status: 'not_started', deadlineAtMs: null, serverNowMs: 5 });
    expect(interviewClock({ ...base, durationMs: 60_000 }, 5).status).toBe('not_started');
  });

  it('runs to start + duration + extensions, and is ended from that instant on', () => {
    const timed = { ...base, durationMs: 60_000, startedAtMs: 1_000, extendedMs: 30_000 };
    expect(interviewClock(timed, 90_999)).toMatchObject({ status: 'in_progress', deadlineAtMs: 91_000 });
    expect(interviewClock(timed, 91_000).status).toBe('ended');
  });

  it('has no deadline when untimed, and is ended once stamped', () => {
    const untimed = { ...base, startedAtMs: 1_000 };
    expect(interviewClock(untimed, 10 ** 12)).toMatchObject({ status: 'in_progress', deadlineAtMs: null });
    expect(interviewClock({ ...untimed, endedAtMs: 2_000, endedBy: 'admin' }, 3_000).status).toBe('ended');
  });

  it("reads the times from a Redis hash's text fields", () => {
    expect(InterviewSchema.parse({ ...base, durationMs: '60000', startedAtMs: '1000' })).toMatchObject({
      durationMs: 60_000,
      startedAtMs: 1_000,
    });
  });
});

describe('challenges of an interview', () => {
  it('reads a record stored with one challengeId as an interview of that challenge, and a stored JSON list', () => {
    const { id, candidateName, createdAt } = base;
    const rest = { id, candidateName, createdAt };
    expect(InterviewSchema.parse({ ...rest, challengeId: 'csv' }).challenges).toEqual([{ challengeId: 'csv' }]);
    const listed = InterviewSchema.parse({ ...rest, challenges: '[{"challengeId":"a","durationMs":600000},{"challengeId":"b"}]' });
    expect(listed.challenges).toEqual([{ challengeId: 'a', durationMs: 600_000 }, { challengeId: 'b' }]);
    expect(() => InterviewSchema.parse({ ...rest, challenges: '[]' })).toThrow();
  });

  it('counts each stay on a challenge, the current one up to now or to the end', () => {
    const two: Interview = {
      ...base,
      challenges: [{ challengeId: 'a' }, { challengeId: 'b' }],
      startedAtMs: 0,
      currentChallengeId: 'b',
      currentSinceMs: 5_000,
      spentMs: { a: 4_000, b: 1_000 },
    };
    expect(currentChallengeId(base)).toBe('c');
    expect(currentChallengeId(two)).toBe('b');
    expect(challengeTimes(two, 9_000)).toEqual([
      { challengeId: 'a', spentMs: 4_000 },
      { challengeId: 'b', spentMs: 5_000 },
    ]);
    expect(challengeTimes({ ...two, endedAtMs: 6_000, endedBy: 'admin' }, 9_000)[1]!.spentMs).toBe(2_000);
    expect(challengeTimes({ ...two, durationMs: 7_000 }, 9_000)[1]!.spentMs).toBe(3_000);
  });

  it('plans a time box as the sum of the budgets only when every challenge has one', () => {
    expect(plannedDurationMs([{ durationMs: 60_000 }, { durationMs: 120_000 }])).toBe(180_000);
    expect(plannedDurationMs([{ durationMs: 60_000 }, {}])).toBeUndefined();
    expect(plannedDurationMs([])).toBeUndefined();
  });
});
