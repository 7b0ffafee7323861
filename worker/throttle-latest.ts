// Calls a function at most once per interval with the latest value it was given: the first
// call goes at once, later ones within the interval are folded into one trailing call.
export interface Throttled<T> {
  (value: T): void;
  /** Sends a pending value now (the last one must not wait for a timer that may never fire). */
  flush(): void;
}

export function throttleLatest<T>(send: (value: T) => void, intervalMs: number): Throttled<T> {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: NodeJS.Timeout | undefined;
  const fire = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = performance.now();
    send(value);
  };
  const throttled = ((value: T) => {
    pending = { value };
    const wait = last + intervalMs - performance.now();
    if (wait <= 0) fire();
    else timer ??= setTimeout(fire, wait);
  }) as Throttled<T>;
  throttled.flush = fire;
  return throttled;
}
