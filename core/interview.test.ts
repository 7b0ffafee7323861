import { describe, expect, it } from 'vitest';
import { InterviewSchema, interviewClock, type Interview } from './interview.js';

const base: Interview = { id: 'i', challengeId: 'c', candidateName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };

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
