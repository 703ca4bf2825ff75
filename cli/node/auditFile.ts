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
import { GENESIS_HASH, parseAuditText, verifyAuditText, type AuditEntry, type AuditSink } from '../../shared/runtime/audit';
import { sha256Hex } from '../../shared/runtime/canonicalJson';
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
}

/** Open `file` to continue it; a string is the reason it cannot be continued. */
export async function openAuditToContinue(file: string, opts: { repairTornTail: boolean }): Promise<OpenedAudit | string> {
  if (!existsSync(file)) return { resume: { records: 0, head: GENESIS_HASH }, journal: resumeJournal([]), torn: null };
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
  const verified = await verifyAuditText(text);
  if (!verified.ok) return `${file} line ${verified.line}: ${verified.reason} — refusing to continue a tampered audit log`;
  // cut only once the rest verifies: a tampered log is never modified
  if (torn) await truncate(file, Buffer.byteLength(text));
  return { resume: { records: verified.records, head: verified.head }, journal: resumeJournal(parseAuditText(text)), torn };
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

/** Appends each record as a line to one open handle; with `sync`, fsyncs it before the runner moves on. */
export function fileSink(file: string, sync: boolean): AuditSink & { close(): Promise<void> } {
  let handle: FileHandle | undefined;
  return {
    async append(line) {
      handle ??= await open(file, 'a');
      await handle.write(`${line}\n`);
      if (sync) await handle.datasync();
    },
    async close() {
      await handle?.close();
    },
  };
}
