/**
 * The runtime guardrails on their own, on the injected clock (no waiting, no runner around them):
 * the expected states are written out by hand from the rules in guardrails.ts.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { BatchCounter, CircuitBreaker, KillSwitches, RateLimiter } from './guardrails';

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens after the cool-down, closes on a good trial', () => {
    const clock = new ManualClock(0, { autoAdvance: false });
    const b = new CircuitBreaker(clock, { failureThreshold: 3, cooldownMs: 1000 });
    b.failure('t');
    b.failure('t');
    expect(b.state('t')).toBe('closed');
    b.failure('t');
    expect([b.state('t'), b.allows('t')]).toEqual(['open', false]);
    clock.advance(999);
    expect(b.state('t')).toBe('open');
    clock.advance(1);
    expect([b.state('t'), b.allows('t')]).toEqual(['half-open', true]);
    b.success('t');
    expect(b.state('t')).toBe('closed');
    b.failure('t'); // the count started again from 0
    expect(b.state('t')).toBe('closed');
  });

  it('a failed half-open trial re-opens at once, for a whole new cool-down', () => {
    const clock = new ManualClock(0, { autoAdvance: false });
    const b = new CircuitBreaker(clock, { failureThreshold: 5, cooldownMs: 1000 });
    for (let i = 0; i < 5; i++) b.failure('t');
    clock.advance(1000);
    expect(b.state('t')).toBe('half-open');
    b.failure('t');
    expect(b.state('t')).toBe('open');
    clock.advance(999);
    expect(b.state('t')).toBe('open');
    clock.advance(1);
    expect(b.state('t')).toBe('half-open');
  });

  it('success between failures resets the count; tools are independent', () => {
    const b = new CircuitBreaker(new ManualClock(0, { autoAdvance: false }), { failureThreshold: 2, cooldownMs: 10 });
    b.failure('t');
    b.success('t');
    b.failure('t');
    expect(b.state('t')).toBe('closed');
    b.failure('u');
    b.failure('u');
    expect([b.state('t'), b.state('u')]).toEqual(['closed', 'open']);
  });
});

describe('RateLimiter', () => {
  it('allows perMinute calls in any rolling minute, then again once the oldest is a minute old', () => {
    const clock = new ManualClock(0, { autoAdvance: false });
    const r = new RateLimiter(clock);
    r.record('t');
    clock.advance(30_000);
    r.record('t');
    expect(r.allows('t', 2)).toBe(false);
    expect(r.allows('t', 3)).toBe(true);
    expect(r.allows('t', undefined)).toBe(true);
    clock.advance(30_000); // the first call is exactly 60 s old: out of the window
    expect(r.allows('t', 2)).toBe(true);
    expect(r.allows('u', 1)).toBe(true);
  });
});

describe('BatchCounter', () => {
  it('caps calls per batch and starts again after reset', () => {
    const b = new BatchCounter();
    b.record('t');
    b.record('t');
    expect([b.allows('t', 2), b.allows('t', 3), b.allows('u', 1), b.allows('t', undefined)]).toEqual([
      false,
      true,
      true,
      true,
    ]);
    b.reset();
    expect(b.allows('t', 1)).toBe(true);
  });
});

describe('KillSwitches', () => {
  it('names the paused agent before the paused tool, and resumes', () => {
    const k = new KillSwitches();
    k.pauseTool('pay');
    expect(k.paused('a', 'pay')).toBe('tool:pay');
    k.pauseAgent('a');
    expect(k.paused('a', 'pay')).toBe('agent:a');
    k.resumeAgent('a');
    k.resumeTool('pay');
    expect(k.paused('a', 'pay')).toBeNull();
  });
});
