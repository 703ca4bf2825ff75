/**
 * The clocks (clock.ts): the system clock's sleep on vitest's fake timers (no real waiting), and
 * the manual clock with and without auto-advance. Expected times are the start plus the sleeps.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from './clock';

const START = Date.UTC(2026, 0, 1);

/** Let promise callbacks run (no timers involved). */
async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function track(p: Promise<void>) {
  const state = { woke: false };
  void p.then(() => {
    state.woke = true;
  });
  return state;
}

/** The sleepers a manual clock still holds (woken ones must be let go). */
const pending = (clock: ManualClock) => (clock as unknown as { sleepers: unknown[] }).sleepers.length;

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sleep(ms) resolves once ms have passed on the timers, not before', async () => {
    vi.useFakeTimers();
    const slept = track(systemClock.sleep(100));
    await vi.advanceTimersByTimeAsync(99);
    expect(slept.woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(slept.woke).toBe(true);
  });

  it('a negative sleep is a sleep of 0', async () => {
    vi.useFakeTimers();
    const slept = track(systemClock.sleep(-50));
    await flush();
    expect(slept.woke).toBe(false); // still a timer, not a resolved promise
    await vi.advanceTimersByTimeAsync(0);
    expect(slept.woke).toBe(true);
  });

  it('now() is Date.now()', () => {
    vi.useFakeTimers();
    vi.setSystemTime(START + 1234);
    expect(systemClock.now()).toBe(START + 1234);
  });
});

describe('ManualClock with auto-advance (the default)', () => {
  it('starts at 2026-01-01 and holds no sleepers', () => {
    const clock = new ManualClock();
    expect(clock.now()).toBe(START);
    expect(pending(clock)).toBe(0);
  });

  it('sleep moves time forward at once; a negative sleep moves nothing; every sleep is recorded', async () => {
    const clock = new ManualClock(1000);
    await clock.sleep(500);
    expect(clock.now()).toBe(1500);
    await clock.sleep(-200);
    expect(clock.now()).toBe(1500);
    expect(clock.sleeps).toEqual([500, -200]);
  });
});

describe('ManualClock without auto-advance', () => {
  it('sleep does not move time; the sleeper wakes when advance() reaches its deadline', async () => {
    const clock = new ManualClock(1000, { autoAdvance: false });
    const slept = track(clock.sleep(100));
    await flush();
    expect(clock.now()).toBe(1000);
    expect(slept.woke).toBe(false);
    clock.advance(99);
    await flush();
    expect(slept.woke).toBe(false);
    expect(pending(clock)).toBe(1);
    clock.advance(1); // exactly at the deadline
    await flush();
    expect(slept.woke).toBe(true);
    expect(clock.now()).toBe(1100);
    expect(pending(clock)).toBe(0);
    expect(clock.sleeps).toEqual([100]);
  });

  it('wakes only the sleepers that are due, keeping the others until theirs', async () => {
    const clock = new ManualClock(0, { autoAdvance: false });
    const short = track(clock.sleep(10));
    const long = track(clock.sleep(50));
    clock.advance(20);
    await flush();
    expect([short.woke, long.woke]).toEqual([true, false]);
    expect(pending(clock)).toBe(1);
    clock.advance(30);
    await flush();
    expect([short.woke, long.woke]).toEqual([true, true]);
    expect(pending(clock)).toBe(0);
  });

  it('a negative sleep is due now: the next advance, even by 0, wakes it', async () => {
    const clock = new ManualClock(500, { autoAdvance: false });
    const slept = track(clock.sleep(-30));
    await flush();
    expect(slept.woke).toBe(false);
    clock.advance(0);
    await flush();
    expect(slept.woke).toBe(true);
  });
});
