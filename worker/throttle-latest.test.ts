import { describe, expect, it, vi } from 'vitest';
import { throttleLatest } from './throttle-latest.js';

describe('throttleLatest', () => {
  it('sends the first value at once and folds a burst into one trailing call with the latest', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const throttled = throttleLatest((n: number) => sent.push(n), 250);
    for (let i = 1; i <= 100; i++) throttled(i);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([1, 100]);
    vi.useRealTimers();
  });

  it('flushes a pending value without waiting', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const throttled = throttleLatest((n: number) => sent.push(n), 10_000);
    throttled(1);
    throttled(2);
    throttled.flush();
    expect(sent).toEqual([1, 2]);
    throttled.flush();
    expect(sent).toEqual([1, 2]);
    vi.useRealTimers();
  });
});
