/**
 * Verifying an audit log: every line canonical, sequence numbers in order, each record chained to
 * the previous one's hash and hashing to its own — any changed, removed, reordered or inserted
 * byte is found and the first bad line named. With the audit key, each record's MAC must hold
 * (forged appends and edit-and-rechain are found); with the anchor, the log must end exactly at
 * the anchored head (truncation, even to 0 bytes, and appends past it are found and told apart).
 * `limits` says, for the options given, which tampering this check could not have seen.
 */
import { anchorMacHolds, type AuditAnchor } from './auditAnchor';
import { hmacHex, sameMac, type AuditKey } from './auditKey';
import { GENESIS_HASH, hashRecord } from './auditHash';
import { canonicalJson } from './canonicalJson';

export type TamperKind =
  | 'utf8' // bytes that are not UTF-8
  | 'bom' // a byte-order mark before line 1
  | 'torn' // the last line has no newline
  | 'format' // not a canonical JSON object line
  | 'order' // sequence or prevHash break: removed, inserted or moved records
  | 'edited' // a record's hash does not match it
  | 'mac' // the MAC does not match: forged or re-chained without the key
  | 'no-mac' // a keyed check met a record without a MAC
  | 'truncated' // fewer records than the anchor (or --head) says
  | 'appended' // records after the anchored (or expected) head
  | 'rechained' // the record at the anchor's position is not the anchored head
  | 'anchor'; // the anchor file itself is not authentic

export type VerifyResult =
  | { ok: true; records: number; head: string; limits: string[] }
  | { ok: false; kind: TamperKind; line: number; reason: string; records: number; limits: string[] };

export interface VerifyOptions {
  /** The head hash kept elsewhere (`--head`). */
  expectedHead?: string;
  /** The audit key: every record must carry a MAC that holds under it. */
  key?: AuditKey;
  /** The head anchor written beside the log. */
  anchor?: AuditAnchor;
}

/** What a check with these options cannot detect. */
function verifyLimits(opts: VerifyOptions): string[] {
  const out: string[] = [];
  if (!opts.key)
    out.push(
      'without the audit key, a forged append or an edit-and-rechain with recomputed hashes cannot be told from genuine records' +
        (opts.anchor ? ' (except where it moves the anchored head)' : ''),
    );
  if (!opts.anchor && opts.expectedHead === undefined)
    out.push(
      'without the anchor file (or --head), records cut from the end — down to an empty log — cannot be detected',
    );
  if (opts.anchor && !opts.key)
    out.push(
      "without the audit key the anchor's MAC is not checked: someone who rewrites the anchor along with the log is not detected",
    );
  return out;
}

/** Verify lines (without newlines). Line numbers in the result are 1-based. */
export async function verifyAudit(lines: readonly string[], opts: VerifyOptions = {}): Promise<VerifyResult> {
  const limits = verifyLimits(opts);
  const fail = (kind: TamperKind, line: number, reason: string, records: number): VerifyResult => ({
    ok: false,
    kind,
    line,
    reason,
    records,
    limits,
  });
  let prev = GENESIS_HASH;
  let expectedAt = opts.expectedHead === GENESIS_HASH ? -1 : undefined;
  let anchoredHash = opts.anchor?.records === 0 ? GENESIS_HASH : undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const bad = (kind: TamperKind, reason: string) => fail(kind, i + 1, reason, i);
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return bad('format', line.trim() === '' ? 'empty line' : 'not valid JSON');
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return bad('format', 'not a JSON object');
    if (canonicalJson(rec) !== line) return bad('format', 'not in canonical form (the line was edited)');
    if (rec.seq !== i)
      return bad(
        'order',
        `sequence number ${String(rec.seq)} where ${i} was expected (a record was removed, inserted or moved)`,
      );
    if (rec.prevHash !== prev)
      return bad('order', 'prevHash does not match the previous record (a record was removed, inserted or moved)');
    const { hash, mac, ...body } = rec;
    // hashRecord gives a string, so a missing or non-string hash fails here too (and hash is a string after)
    if ((await hashRecord(body)) !== hash)
      return bad('edited', 'hash does not match the record (the record was edited)');
    if (opts.key) {
      if (typeof mac !== 'string')
        return bad(
          'no-mac',
          'the record has no MAC: it was written without the audit key (forged, or from an unkeyed run)',
        );
      if (!sameMac(mac, await hmacHex(opts.key, hash)))
        return bad(
          'mac',
          'the MAC does not match: the record was forged or edited and re-chained by someone without the audit key',
        );
    }
    if (hash === opts.expectedHead) expectedAt = i;
    if (opts.anchor && i === opts.anchor.records - 1) anchoredHash = hash;
    prev = hash;
  }
  const n = lines.length;
  if (opts.anchor) {
    const a = opts.anchor;
    if (opts.key && !(await anchorMacHolds(a, opts.key)))
      return fail(
        'anchor',
        n,
        "the anchor file's MAC does not match: the anchor was altered or written without the audit key",
        n,
      );
    if (n < a.records)
      return fail(
        'truncated',
        n,
        `the log has ${n} records but its anchor says ${a.records}: ${a.records - n} were removed from the end${n === 0 ? ' (the log is empty)' : ''}`,
        n,
      );
    if (anchoredHash !== a.head)
      return fail(
        'rechained',
        a.records,
        `record ${a.records} is not the anchored head: the records up to it were edited and the chain recomputed`,
        a.records - 1,
      );
    if (n > a.records)
      return fail(
        'appended',
        a.records + 1,
        `${n - a.records} record(s) after the anchored head (line ${a.records + 1} on) were appended without updating the anchor${n - a.records === 1 ? ' — or the process died between writing a record and its anchor' : ''}`,
        a.records,
      );
  }
  if (opts.expectedHead !== undefined) {
    if (expectedAt === undefined)
      return fail(
        'truncated',
        n,
        `the log ends at head ${prev.slice(0, 12)}… and never reaches the expected ${opts.expectedHead.slice(0, 12)}… (records were removed from the end, or edited and re-chained)`,
        n,
      );
    if (expectedAt < n - 1)
      return fail(
        'appended',
        expectedAt + 2,
        `${n - 1 - expectedAt} record(s) were appended after the expected head (line ${expectedAt + 2} on)`,
        expectedAt + 1,
      );
  }
  return { ok: true, records: n, head: prev, limits };
}

/** Verify a whole log file's text: every record is one line ending in "\n". */
export async function verifyAuditText(text: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  if (text.startsWith('\uFEFF'))
    return {
      ok: false,
      kind: 'bom',
      line: 1,
      reason: 'line 1 starts with a byte-order mark (EF BB BF), which the runner never writes',
      records: 0,
      limits: verifyLimits(opts),
    };
  // '' needs no case of its own: it splits to [''], whose last (empty) part is popped
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') {
    const r = await verifyAudit(lines, opts);
    if (!r.ok) return r;
    return {
      ok: false,
      kind: 'torn',
      line: lines.length + 1,
      reason: 'the last line is incomplete (no final newline): torn by a crash in the middle of a write, or cut',
      records: lines.length,
      limits: r.limits,
    };
  }
  return verifyAudit(lines, opts);
}

/** Strict UTF-8 that keeps a BOM (so it is reported); without `stream`, decode() keeps no state between calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Verify a log file's bytes: they must be UTF-8 (the first line that is not is named), then as text. */
export async function verifyAuditBytes(bytes: Uint8Array, opts: VerifyOptions = {}): Promise<VerifyResult> {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return firstBadUtf8Line(bytes, opts);
  }
  // only the decoding is caught: an error from the check itself (say a key that is not a CryptoKey,
  // a TypeError too) reaches the caller instead of sending the line search below round forever
  return verifyAuditText(text, opts);
}

/** `bytes` are not UTF-8: name the first line that is not (0x0a is never inside a UTF-8 sequence). */
function firstBadUtf8Line(bytes: Uint8Array, opts: VerifyOptions): VerifyResult {
  let start = 0;
  for (let line = 1; ; line++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    try {
      UTF8.decode(bytes.subarray(start, end));
    } catch {
      return {
        ok: false,
        kind: 'utf8',
        line,
        reason: 'the line is not valid UTF-8 (bytes were changed)',
        records: line - 1,
        limits: verifyLimits(opts),
      };
    }
    start = end + 1;
  }
}
