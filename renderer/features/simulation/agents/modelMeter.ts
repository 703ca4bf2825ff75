/**
 * A fetch wrapper for the model agent that counts what the endpoint really served — requests,
 * tokens (the `usage` the endpoint reports), calls per second — and stops the run cleanly: after
 * cancel, or once the token budget is spent, it answers further calls itself with a
 * non-retryable status WITHOUT touching the network, so the model policy leaves the remaining
 * decisions unanswered and the results are marked partial (shared/agents/model.ts).
 */

/** Status the meter answers with once stopped: not retried by the model policy (only 429 / 5xx are). */
export const STOPPED_STATUS = 499;

export interface MeterStats {
  /** HTTP requests that reached the endpoint. */
  requests: number;
  tokens: number;
  /** Requests answered by the meter because the run was stopped. */
  stopped: number;
  stoppedBy: 'cancel' | 'tokens' | null;
  callsPerSecond: number;
}

export class ModelMeter {
  private requests = 0;
  private tokens = 0;
  private stopped = 0;
  private stoppedBy: MeterStats['stoppedBy'] = null;
  private first = 0;
  private last = 0;

  constructor(
    private readonly inner: typeof fetch,
    private readonly maxTokens: number | null,
    private readonly now: () => number = () => performance.now(),
    /** Asked before every call, so a cancel stops the very next one. */
    private readonly cancelled: () => boolean = () => false,
  ) {}

  cancel(): void {
    this.stoppedBy ??= 'cancel';
  }

  readonly fetch: typeof fetch = async (input, init) => {
    if (this.stoppedBy === null && this.cancelled()) this.stoppedBy = 'cancel';
    if (this.stoppedBy === null && this.maxTokens !== null && this.tokens >= this.maxTokens) this.stoppedBy = 'tokens';
    if (this.stoppedBy !== null) {
      this.stopped++;
      return new Response(`stopped: ${this.stoppedBy}`, { status: STOPPED_STATUS });
    }
    if (this.requests === 0) this.first = this.now();
    this.requests++;
    const res = await this.inner(input, init);
    const text = await res.text();
    this.last = this.now();
    try {
      const usage = (JSON.parse(text) as { usage?: { total_tokens?: unknown; prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
      const total = typeof usage?.total_tokens === 'number' ? usage.total_tokens : (Number(usage?.prompt_tokens) || 0) + (Number(usage?.completion_tokens) || 0);
      if (Number.isFinite(total) && total > 0) this.tokens += total;
    } catch {
      // not JSON: the policy counts it as an invalid answer; no usage to add
    }
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  stats(): MeterStats {
    const span = (this.last - this.first) / 1000;
    return { requests: this.requests, tokens: this.tokens, stopped: this.stopped, stoppedBy: this.stoppedBy, callsPerSecond: span > 0 ? this.requests / span : 0 };
  }
}
