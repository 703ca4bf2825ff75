/**
 * The audit log on disk, for `run`: open an existing log to continue it (verify, recognise a torn
 * final line, build the crash journal) and append records to it.
 *
 * A torn final line is what a crash in the middle of a write leaves: bytes after the last newline.
 * It is never repaired silently — only with `--repair-torn-tail`, which cuts it off and puts a
 * `repair` record (with the dropped bytes' length, SHA-256 and text) on the chain.
 */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import {
  GENESIS_HASH,
  parseAuditText,
  verifyAuditText,
  type AuditEntry,
  type AuditSink,
} from '../../shared/runtime/audit';
import { makeAnchor, parseAnchor, type AuditAnchor } from '../../shared/runtime/auditAnchor';
import { importAuditKey, type AuditKey } from '../../shared/runtime/auditKey';
import { sha256Hex } from '../../shared/runtime/canonicalJson';
import { describeFsError } from './openFile';
import { resumeJournal, type ResumeJournal } from '../../shared/runtime/resume';

export interface TornTail {
  bytes: number;
  sha256: string;
  text: string;
}

export interface OpenedAudit {
  resume: { records: number; head: string };
  journal: ResumeJournal;
  /** The torn line cut off (only with repair); the caller appends `repairEntry(torn)`. */
  torn: TornTail | null;
  /** Set when the log was one record past its anchor: the process died between the two writes. */
  anchorBehind: boolean;
}

/** The anchor file of a log. */
export const anchorPath = (log: string) => `${log}.anchor`;

/** Read an anchor file if there is one; a string is why it cannot be used. */
export async function readAnchor(file: string): Promise<AuditAnchor | null | string> {
  if (!existsSync(file)) return null;
  try {
    const a = parseAnchor(await readFile(file, 'utf8'));
    return typeof a === 'string' ? `${file}: ${a}` : a;
  } catch (e) {
    return `cannot read ${file}: ${describeFsError(e)}`;
  }
}

/** Read an audit key file (`audit keygen`); a string is why it cannot be used. */
export async function readAuditKey(file: string): Promise<AuditKey | string> {
  try {
    return await importAuditKey(await readFile(file, 'utf8'));
  } catch (e) {
    return `${file}: ${(e as NodeJS.ErrnoException).code ? `cannot read: ${describeFsError(e)}` : (e as Error).message}`;
  }
}

/** Open `file` to continue it; a string is the reason it cannot be continued. */
export async function openAuditToContinue(
  file: string,
  opts: { repairTornTail: boolean; key?: AuditKey },
): Promise<OpenedAudit | string> {
  const anchor = await readAnchor(anchorPath(file));
  if (typeof anchor === 'string') return `${anchor} — refusing to continue the audit log`;
  if (!existsSync(file)) {
    if (anchor && anchor.records > 0)
      return `${file} is missing but its anchor says ${anchor.records} records — refusing to start a new log in its place`;
    return { resume: { records: 0, head: GENESIS_HASH }, journal: resumeJournal([]), torn: null, anchorBehind: false };
  }
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return `${file} is not valid UTF-8 — refusing to continue a tampered audit log`;
  }
  const cut = text.lastIndexOf('\n') + 1;
  let torn: TornTail | null = null;
  if (cut < text.length) {
    const tail = text.slice(cut);
    const line = text.slice(0, cut).split('\n').length;
    if (!opts.repairTornTail) {
      return `${file} line ${line} is torn (${Buffer.byteLength(tail)} bytes after the last newline: a crash in the middle of a write?) — rerun with --repair-torn-tail to cut it off (the repair is recorded on the audit trail)`;
    }
    torn = { bytes: Buffer.byteLength(tail), sha256: await sha256Hex(tail), text: tail.slice(0, 4096) };
    text = text.slice(0, cut);
  }
  const verified = await verifyAuditText(text, { key: opts.key, ...(anchor ? { anchor } : {}) });
  // one record past the anchor is what dying between the record's write and the anchor's leaves
  const anchorBehind =
    !verified.ok &&
    verified.kind === 'appended' &&
    anchor !== null &&
    verified.records === anchor.records &&
    text.split('\n').length - 1 === anchor.records + 1;
  if (!verified.ok && !anchorBehind)
    return `${file} line ${verified.line}: ${verified.reason} — refusing to continue a tampered audit log`;
  const records = parseAuditText(text);
  // cut only once the rest verifies: a tampered log is never modified
  if (torn) await truncate(file, Buffer.byteLength(text));
  const last = records.at(-1);
  return {
    resume: { records: records.length, head: last?.hash ?? GENESIS_HASH },
    journal: resumeJournal(records),
    torn,
    anchorBehind,
  };
}

/** The `repair` record for a cut torn tail. */
export function repairEntry(torn: TornTail, environment: string): AuditEntry {
  return {
    caseId: '',
    state: '',
    goal: 'cut a torn final line (a crash in the middle of a write)',
    inputs: {},
    tool: null,
    params: null,
    decision: 'repair',
    tier: null,
    reasons: [{ kind: 'torn-tail', flag: '--repair-torn-tail' }],
    result: { droppedBytes: torn.bytes, droppedSha256: torn.sha256, dropped: torn.text },
    actor: 'runner',
    target: null,
    environment,
  };
}

/** Anchor files are written in place at a fixed width, so each update is one small pwrite. */
const ANCHOR_WIDTH = 320;

/**
 * Appends each record as a line to one open handle (with `sync`, fsynced before the runner moves
 * on), then updates the anchor file in place. A write + rename per record made a 20,000-case run
 * 1.5× slower; one fixed-width pwrite (the JSON padded with spaces) costs next to nothing, and a
 * torn anchor would fail to parse, so it is refused, never misread.
 */
export function fileSink(file: string, sync: boolean, key?: AuditKey): AuditSink & { close(): Promise<void> } {
  let handle: FileHandle | undefined;
  let anchorHandle: FileHandle | undefined;
  const anchor = anchorPath(file);
  return {
    async append(line, record) {
      handle ??= await open(file, 'a');
      await handle.write(`${line}\n`);
      if (sync) await handle.datasync();
      if (!anchorHandle) {
        anchorHandle = await open(anchor, existsSync(anchor) ? 'r+' : 'w');
        await anchorHandle.truncate(ANCHOR_WIDTH); // an anchor written by another tool may be longer
      }
      const text = JSON.stringify(await makeAnchor(record.seq + 1, record.hash, key));
      await anchorHandle.write(text.padEnd(ANCHOR_WIDTH - 1, ' ') + '\n', 0);
    },
    async close() {
      await handle?.close();
      await anchorHandle?.close();
    },
  };
}
