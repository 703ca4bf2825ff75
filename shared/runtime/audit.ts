/**
 * The audit trail: an append-only JSONL log, one canonical-JSON record per line, hash-chained
 * (each record carries the previous record's hash; its own hash is SHA-256 over its canonical
 * JSON without `hash` and `mac`), and — with an audit key — a MAC per record (auditKey.ts).
 * Verification is in auditVerify.ts, the head anchor in auditAnchor.ts.
 */
import type { Tier } from '../model/types';
import type { Clock } from './clock';
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH, hashRecord as hashBody } from './auditHash';
import { hmacHex, type AuditKey } from './auditKey';

export { GENESIS_HASH } from './auditHash';

export type AuditDecision =
  | 'start' // case started: inputs are the case attributes
  | 'route' // the agent took a branch without a tool (tier auto)
  | 'pass' // the only, unguarded way on: no decision to make
  | 'intent' // about to call a tool (written before the call, so a crash cannot hide it)
  | 'call' // a tool call finished: result ok or error
  | 'would-call' // shadow mode: the call the runner would have made
  | 'suggest' // queued for approval
  | 'handoff' // queued for a human decision
  | 'approve'
  | 'edit'
  | 'reject'
  | 'decide' // a human chose the branch
  | 'final' // the case reached a final state
  | 'stuck' // no way on (non-final state without transitions, or a step limit)
  | 'undo' // rollback through the tool's undo handler
  | 'undo-impossible'
  | 'replayed' // resume after a crash: the call completed before it, its recorded result is reused
  | 'outcome-unknown' // resume after a crash: an intent without an outcome, handed to a human
  | 'repair'; // a torn final line (crash mid-write) dropped on explicit request

/** Why a step got its tier or was stopped: the tier rules plus the runtime guardrails. */
export interface AuditReason {
  kind: string;
  [detail: string]: unknown;
}

/** What a caller appends; the log adds seq, ts, prevHash and hash. */
export interface AuditEntry {
  caseId: string;
  /** State key the step leaves (or enters, for start/final). */
  state: string;
  /** The state's activity: what the step is for. */
  goal: string;
  /** The case fields the step's guards, guardrails and limits read, with their values. */
  inputs: Record<string, unknown>;
  tool: string | null;
  params: unknown;
  decision: AuditDecision;
  tier: Tier | null;
  reasons: AuditReason[];
  result: unknown;
  /** Who acted: `agent:<name>`, `runner`, or `<role>:<person>`. */
  actor: string;
  /** The state entered by this step, with its activity (null when the case did not move). */
  target: { state: string; activity: string } | null;
  environment: string;
  /** Approval queue item this record belongs to. */
  item?: string;
  idempotencyKey?: string;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  /** ISO 8601 time from the runner's clock. */
  ts: string;
  prevHash: string;
  hash: string;
  /** HMAC-SHA-256 of `hash` under the audit key (keyed logs only). */
  mac?: string;
}

/** Where lines go (without the newline). Appends are awaited before the runner moves on. */
export interface AuditSink {
  /** `record` is the parsed line, for sinks that keep an anchor. */
  append(line: string, record: AuditRecord): void | Promise<void>;
}

export function memoryAuditSink(): AuditSink & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return { lines, append: (l) => void lines.push(l), text: () => lines.map((l) => `${l}\n`).join('') };
}

export async function hashRecord(record: Omit<AuditRecord, 'hash' | 'mac'>): Promise<string> {
  return hashBody(record);
}

/** Appends records in order, even when callers do not await each other. */
export class AuditLog {
  private nextSeq: number;
  private last: string;
  private queue: Promise<unknown> = Promise.resolve();
  /** Records appended by this log object (empty with `keepRecords: false`). */
  readonly records: AuditRecord[] = [];
  /** Records appended, by decision (kept also when records are not). */
  readonly counts = new Map<AuditDecision, number>();

  constructor(
    private readonly sink: AuditSink,
    private readonly clock: Clock,
    /** Continue an existing, verified log: its record count and head hash. */
    resume: { records: number; head: string } = { records: 0, head: GENESIS_HASH },
    /** `key`: MAC every record; `keepRecords: false`: do not hold records in memory (long runs). */
    private readonly opts: { key?: AuditKey; keepRecords?: boolean } = {},
  ) {
    this.nextSeq = resume.records;
    this.last = resume.head;
  }

  /** Records in the whole log, including those it continued. */
  get length(): number {
    return this.nextSeq;
  }

  get head(): string {
    return this.last;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    const run = this.queue.then(async () => {
      const body = { ...entry, seq: this.nextSeq, ts: new Date(this.clock.now()).toISOString(), prevHash: this.last };
      // canonical JSON drops undefined members; hash exactly what is written
      const clean = JSON.parse(canonicalJson(body)) as Omit<AuditRecord, 'hash'>;
      const hash = await hashRecord(clean);
      const record = { ...clean, hash, ...(this.opts.key ? { mac: await hmacHex(this.opts.key, hash) } : {}) };
      await this.sink.append(canonicalJson(record), record);
      this.nextSeq++;
      this.last = record.hash;
      this.counts.set(record.decision, (this.counts.get(record.decision) ?? 0) + 1);
      if (this.opts.keepRecords !== false) this.records.push(record);
      return record;
    });
    // a failed sink write must not wedge later appends, but the caller sees the error
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export {
  verifyAudit,
  verifyAuditText,
  verifyAuditBytes,
  type VerifyResult,
  type VerifyOptions,
  type TamperKind,
} from './auditVerify';

/** Parse a verified log's records (call verifyAuditText first). */
export function parseAuditText(text: string): AuditRecord[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditRecord);
}
