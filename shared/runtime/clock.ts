/**
 * Time, injected: the runner reads `now()` and waits with `sleep()`, so rate limits, backoff and
 * breaker cool-downs are tested on a controllable clock without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock that only moves when told. With `autoAdvance` (the default) `sleep(ms)` moves time
 * forward by `ms` at once, so retries with backoff run instantly but timestamps show the waits.
 * Without it, sleepers wake when `advance()` passes their deadline.
 */
export class ManualClock implements Clock {
  private t: number;
  private readonly autoAdvance: boolean;
  private sleepers: Array<{ until: number; wake: () => void }> = [];
  /** Every sleep requested, in order (lets tests assert the backoff schedule). */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1), opts: { autoAdvance?: boolean } = {}) {
    this.t = start;
    this.autoAdvance = opts.autoAdvance ?? true;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (this.autoAdvance) {
      this.t += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((wake) => this.sleepers.push({ until: this.t + Math.max(0, ms), wake }));
  }

  advance(ms: number): void {
    this.t += ms;
    const due = this.sleepers.filter((s) => s.until <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.until > this.t);
    for (const s of due) s.wake();
  }
}
