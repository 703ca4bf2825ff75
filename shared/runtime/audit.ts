/**
 * The audit trail: an append-only JSONL log, one canonical-JSON record per line, hash-chained
 * (each record carries the previous record's hash; its own hash is SHA-256 over its canonical
 * JSON without `hash`). `verifyAuditText` detects any edited, removed, reordered or inserted
 * record — and any changed byte — and names the first bad line.
 *
 * Removing records from the END of a log leaves a valid shorter chain: pass the head hash kept
 * elsewhere (`expectedHead`) to detect that too.
 */
import type { Tier } from '../model/types';
import type { Clock } from './clock';
import { canonicalJson, sha256Hex } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);

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
}

/** Where lines go (without the newline). Appends are awaited before the runner moves on. */
export interface AuditSink {
  append(line: string): void | Promise<void>;
}

export function memoryAuditSink(): AuditSink & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return { lines, append: (l) => void lines.push(l), text: () => lines.map((l) => `${l}\n`).join('') };
}

export async function hashRecord(record: Omit<AuditRecord, 'hash'>): Promise<string> {
  return sha256Hex(canonicalJson(record));
}

/** Appends records in order, even when callers do not await each other. */
export class AuditLog {
  private nextSeq: number;
  private last: string;
  private queue: Promise<unknown> = Promise.resolve();
  readonly records: AuditRecord[] = [];

  constructor(
    private readonly sink: AuditSink,
    private readonly clock: Clock,
    /** Continue an existing, verified log: its record count and head hash. */
    resume: { records: number; head: string } = { records: 0, head: GENESIS_HASH },
  ) {
    this.nextSeq = resume.records;
    this.last = resume.head;
  }

  get head(): string {
    return this.last;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    const run = this.queue.then(async () => {
      const body = { ...entry, seq: this.nextSeq, ts: new Date(this.clock.now()).toISOString(), prevHash: this.last };
      // canonical JSON drops undefined members; hash exactly what is written
      const clean = JSON.parse(canonicalJson(body)) as Omit<AuditRecord, 'hash'>;
      const record = { ...clean, hash: await hashRecord(clean) } as AuditRecord;
      await this.sink.append(canonicalJson(record));
      this.nextSeq++;
      this.last = record.hash;
      this.records.push(record);
      return record;
    });
    // a failed sink write must not wedge later appends, but the caller sees the error
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export type VerifyResult =
  | { ok: true; records: number; head: string }
  | { ok: false; line: number; reason: string; records: number };

/** Verify lines (without newlines). Line numbers in the result are 1-based. */
export async function verifyAudit(lines: readonly string[], opts: { expectedHead?: string } = {}): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const bad = (reason: string): VerifyResult => ({ ok: false, line: i + 1, reason, records: i });
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return bad(line.trim() === '' ? 'empty line' : 'not valid JSON');
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return bad('not a JSON object');
    if (canonicalJson(rec) !== line) return bad('not in canonical form (the line was edited)');
    if (rec.seq !== i) return bad(`sequence number ${String(rec.seq)} where ${i} was expected (a record was removed, inserted or moved)`);
    if (rec.prevHash !== prev) return bad('prevHash does not match the previous record (a record was removed, inserted or moved)');
    const { hash, ...body } = rec;
    if (typeof hash !== 'string' || (await hashRecord(body as Omit<AuditRecord, 'hash'>)) !== hash) return bad('hash does not match the record (the record was edited)');
    prev = hash;
  }
  if (opts.expectedHead !== undefined && opts.expectedHead !== prev) {
    return { ok: false, line: lines.length, reason: `the log ends at head ${prev.slice(0, 12)}…, not the expected ${opts.expectedHead.slice(0, 12)}… (records were removed from the end)`, records: lines.length };
  }
  return { ok: true, records: lines.length, head: prev };
}

/** Verify a whole log file's text: every record is one line ending in "\n". */
export async function verifyAuditText(text: string, opts: { expectedHead?: string } = {}): Promise<VerifyResult> {
  if (text === '') return verifyAudit([], opts);
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') {
    const r = await verifyAudit(lines, {});
    if (!r.ok) return r;
    return { ok: false, line: lines.length + 1, reason: 'the last line is incomplete (no final newline)', records: lines.length };
  }
  return verifyAudit(lines, opts);
}

/** Parse a verified log's records (call verifyAuditText first). */
export function parseAuditText(text: string): AuditRecord[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditRecord);
}
