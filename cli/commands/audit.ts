/**
 * `sop-studio audit verify <log> [--audit-key <file>] [--anchor <file>] [--head <hash>] [--json]`:
 * check an audit log, naming the tamper class and the first bad line.
 * `sop-studio audit keygen <file>`: make an audit key (a new file, readable by its owner only).
 * `sop-studio audit cases <log>`: print the log's cases as JSONL recorded cases (one case per
 * line), for `sop-studio simulate` or the app's import — production decisions as evidence.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseAuditText, verifyAuditBytes, type VerifyOptions } from '../../shared/runtime/audit';
import { newAuditKeyText } from '../../shared/runtime/auditKey';
import { auditToCases } from '../../shared/runtime/auditToCases';
import type { CliIo } from '../io';
import { anchorPath, readAnchor, readAuditKey } from '../node/auditFile';
import { describeFsError } from '../node/openFile';
import { terminalSafe } from '../node/terminalSafe';

export const HELP = `usage: sop-studio audit verify <audit.jsonl> [--audit-key <file>] [--anchor <file>] [--head <hash>] [--json]
       sop-studio audit keygen <key-file>
       sop-studio audit cases <audit.jsonl>

verify   checks that the log is UTF-8 with no byte-order mark, every line exactly as written (any
         changed byte is found), the sequence numbers, the chain between records and each
         record's hash, and names the tamper class and the first bad line.
         --audit-key <file>: every record's MAC must hold (finds forged appends and
           edit-and-rechain with recomputed hashes, which the hashes alone cannot).
         --anchor <file>: the head anchor (default <log>.anchor when it exists): finds records
           cut from the end (down to 0 bytes) and tells them from records appended past it.
         --head <hash>: a head hash you kept elsewhere; same purpose as the anchor.
         Says what the check could not detect with the options given.
         exit codes: 0 intact, 1 tampered (class and line named), 2 unreadable or bad options
keygen   writes a new 256-bit audit key (hex) to a new file, mode 0600; keep it away from the log
cases    prints the recorded cases (JSONL, one case per line) for simulate / import;
         exit 1 when the log does not verify`;

const SUBCOMMANDS = new Set(['verify', 'keygen', 'cases']);

async function load(file: string, io: CliIo): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (e) {
    io.err(`audit: cannot read ${terminalSafe(file)}: ${describeFsError(e)}`);
    return null;
  }
}

interface Parsed {
  files: string[];
  json: boolean;
  head?: string;
  keyFile?: string;
  anchorFile?: string;
}

function parse(sub: string, rest: string[]): Parsed | string {
  const out: Parsed = { files: [], json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') out.json = true;
    else if (sub === 'verify' && (a === '--head' || a === '--audit-key' || a === '--anchor')) {
      const v = rest[++i];
      if (!v) return `${a} needs a value`;
      if (a === '--head') {
        if (!/^[0-9a-f]{64}$/.test(v)) return '--head needs a 64-character lower-case hex SHA-256';
        out.head = v;
      } else if (a === '--audit-key') out.keyFile = v;
      else out.anchorFile = v;
    } else if (a.startsWith('-')) return `unknown option ${terminalSafe(a)}`;
    else out.files.push(a);
  }
  if (out.files.length !== 1)
    return sub === 'keygen' ? 'give exactly one key file to create' : 'give exactly one audit log';
  return out;
}

async function keygen(file: string, io: CliIo): Promise<number> {
  try {
    await writeFile(file, newAuditKeyText(), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    io.err(
      `audit: cannot create ${terminalSafe(file)}: ${describeFsError(e)}${(e as NodeJS.ErrnoException).code === 'EEXIST' ? ' (an existing key is never overwritten)' : ''}`,
    );
    return 2;
  }
  io.out(`${terminalSafe(file)}: new audit key written (keep it outside the log's folder; pass it as --audit-key)`);
  return 0;
}

async function verifyOptions(p: Parsed, log: string, io: CliIo): Promise<VerifyOptions | null> {
  const opts: VerifyOptions = p.head ? { expectedHead: p.head } : {};
  if (p.keyFile) {
    const key = await readAuditKey(p.keyFile);
    if (typeof key === 'string') {
      io.err(`audit: key ${terminalSafe(key)}`);
      return null;
    }
    opts.key = key;
  }
  const anchor = await readAnchor(p.anchorFile ?? anchorPath(log));
  if (typeof anchor === 'string' || (p.anchorFile && anchor === null)) {
    io.err(`audit: ${terminalSafe(anchor ?? `no anchor file ${p.anchorFile}`)}`);
    return null;
  }
  if (anchor) opts.anchor = anchor;
  return opts;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
    io.out(HELP);
    return sub ? 0 : 2;
  }
  const p = SUBCOMMANDS.has(sub) ? parse(sub, rest) : `unknown subcommand "${terminalSafe(sub)}"`;
  if (typeof p === 'string') {
    io.err(`audit: ${p}`);
    io.err(HELP);
    return 2;
  }
  const file = p.files[0]!;
  if (sub === 'keygen') return keygen(file, io);
  const bytes = await load(file, io);
  if (bytes === null) return 2;
  const opts = sub === 'verify' ? await verifyOptions(p, file, io) : {};
  if (opts === null) return 2;
  const result = await verifyAuditBytes(bytes, opts);
  const shown = terminalSafe(file);
  if (sub === 'verify') {
    if (p.json) io.out(JSON.stringify(result));
    else {
      if (result.ok)
        io.out(
          `${shown}: ok, ${result.records} records, head ${result.head}${opts.key ? ', every MAC holds' : ''}${opts.anchor ? ', ends at its anchor' : ''}`,
        );
      else
        io.out(
          `${shown}: TAMPERED (${result.kind}) at line ${result.line}: ${result.reason} (${result.records} records before it verify)`,
        );
      for (const limit of result.limits) io.out(`  not checked: ${limit}`);
    }
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    io.err(`audit: ${shown} line ${result.line}: ${result.reason} — not converting a tampered log`);
    return 1;
  }
  for (const c of auditToCases(parseAuditText(new TextDecoder().decode(bytes)))) io.out(JSON.stringify(c));
  return 0;
}
