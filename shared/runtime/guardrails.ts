/**
 * Runtime guardrails enforced outside the model, per tool: a rate limit (calls per rolling minute),
 * a batch cap (calls per `runCases` batch), a circuit breaker (opens after N consecutive failures,
 * half-opens after a cool-down), and kill switches per agent and per tool.
 */
import type { Clock } from './clock';

const MINUTE = 60_000;

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();
  constructor(private readonly clock: Clock) {}

  /** True when one more call of `tool` stays within `perMinute` (undefined: unlimited). */
  allows(tool: string, perMinute: number | undefined): boolean {
    if (perMinute === undefined) return true;
    return this.recent(tool).length < perMinute;
  }

  record(tool: string): void {
    this.recent(tool).push(this.clock.now());
  }

  private recent(tool: string): number[] {
    const since = this.clock.now() - MINUTE;
    // Stryker disable next-line ArrayDeclaration: a made-up string entry fails `t > since` (NaN) and is filtered out
    const list = (this.calls.get(tool) ?? []).filter((t) => t > since);
    this.calls.set(tool, list);
    return list;
  }
}

export class BatchCounter {
  private readonly counts = new Map<string, number>();

  allows(tool: string, maxBatch: number | undefined): boolean {
    return maxBatch === undefined || (this.counts.get(tool) ?? 0) < maxBatch;
  }

  record(tool: string): void {
    this.counts.set(tool, (this.counts.get(tool) ?? 0) + 1);
  }

  reset(): void {
    this.counts.clear();
  }
}

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long it stays open before one trial call is let through. Default 60 s. */
  cooldownMs?: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private readonly failures = new Map<string, number>();
  private readonly openedAt = new Map<string, number>();
  readonly threshold: number;
  readonly cooldownMs: number;

  constructor(
    private readonly clock: Clock,
    opts: BreakerOptions = {},
  ) {
    this.threshold = opts.failureThreshold ?? 5;
    this.cooldownMs = opts.cooldownMs ?? 60_000;
  }

  state(tool: string): BreakerState {
    const opened = this.openedAt.get(tool);
    if (opened === undefined) return 'closed';
    return this.clock.now() - opened >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** A call may go ahead unless the breaker is open (half-open lets a trial through). */
  allows(tool: string): boolean {
    return this.state(tool) !== 'open';
  }

  success(tool: string): void {
    this.failures.set(tool, 0);
    this.openedAt.delete(tool);
  }

  failure(tool: string): void {
    const n = (this.failures.get(tool) ?? 0) + 1;
    this.failures.set(tool, n);
    // a failed trial in half-open re-opens at once. (The count is not reset on opening, so in
    // half-open n is already >= threshold and the second test never decides alone: Stryker's
    // mutants of it are equivalent. It is kept so the rule reads as stated and stays right if the
    // count is ever reset on opening; guardrails.test.ts pins the re-open itself.)
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, see above
    if (n >= this.threshold || this.state(tool) === 'half-open') this.openedAt.set(tool, this.clock.now());
  }
}

/** Paused agents and tools: their `auto` steps become `suggest` (effective tier rule). */
export class KillSwitches {
  private readonly agents = new Set<string>();
  private readonly tools = new Set<string>();

  pauseAgent(name: string): void {
    this.agents.add(name);
  }
  resumeAgent(name: string): void {
    this.agents.delete(name);
  }
  pauseTool(name: string): void {
    this.tools.add(name);
  }
  resumeTool(name: string): void {
    this.tools.delete(name);
  }

  /** The first paused target among the step's agent and tool, as `agent:x` / `tool:y`. */
  paused(agent: string | null, tool: string | null): string | null {
    if (agent && this.agents.has(agent)) return `agent:${agent}`;
    if (tool && this.tools.has(tool)) return `tool:${tool}`;
    return null;
  }
}
