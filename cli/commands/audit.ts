/**
 * `sop-studio audit verify <log> [--head <hash>] [--json]`: check a hash-chained audit log.
 * `sop-studio audit cases <log>`: print the log's cases as JSONL recorded cases (one case per
 * line), for `sop-studio simulate` or the app's import — production decisions as evidence.
 */
import { readFile } from 'node:fs/promises';
import { parseAuditText, verifyAuditText } from '../../shared/runtime/audit';
import { auditToCases } from '../../shared/runtime/auditToCases';
import type { CliIo } from '../io';
import { describeFsError } from '../node/openFile';

export const HELP = `usage: sop-studio audit verify <audit.jsonl> [--head <hash>] [--json]
       sop-studio audit cases <audit.jsonl>

verify   checks every record's hash, the chain between records and their sequence numbers, and
         that each line is exactly as written (any changed byte is found). Names the first bad
         line. --head <hash>: the head hash you kept elsewhere; detects records cut from the end.
         exit codes: 0 intact, 1 tampered (line named), 2 unreadable
cases    prints the recorded cases (JSONL, one case per line) for simulate / import;
         exit 1 when the log does not verify`;

async function load(file: string, io: CliIo): Promise<string | null> {
  try {
    const bytes = await readFile(file);
    // decode leniently: invalid UTF-8 is tampering for verify to report, not an unreadable file
    return new TextDecoder('utf-8').decode(bytes);
  } catch (e) {
    io.err(`audit: cannot read ${file}: ${describeFsError(e)}`);
    return null;
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
    io.out(HELP);
    return sub ? 0 : 2;
  }
  const json = rest.includes('--json');
  let head: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') continue;
    if (a === '--head' && sub === 'verify') {
      head = rest[++i];
      if (!head || !/^[0-9a-f]{64}$/.test(head)) {
        io.err('audit: --head needs a 64-character lower-case hex SHA-256');
        return 2;
      }
    } else if (a.startsWith('-')) {
      io.err(`audit: unknown option ${a}`);
      return 2;
    } else files.push(a);
  }
  if ((sub !== 'verify' && sub !== 'cases') || files.length !== 1) {
    io.err(sub !== 'verify' && sub !== 'cases' ? `audit: unknown subcommand "${sub}"` : 'audit: give exactly one audit log');
    io.err(HELP);
    return 2;
  }
  const text = await load(files[0]!, io);
  if (text === null) return 2;
  const result = await verifyAuditText(text, head ? { expectedHead: head } : {});
  if (sub === 'verify') {
    if (json) io.out(JSON.stringify(result));
    else if (result.ok) io.out(`${files[0]}: ok, ${result.records} records, head ${result.head}`);
    else io.out(`${files[0]}: TAMPERED at line ${result.line}: ${result.reason} (${result.records} records before it verify)`);
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    io.err(`audit: ${files[0]} line ${result.line}: ${result.reason} — not converting a tampered log`);
    return 1;
  }
  for (const c of auditToCases(parseAuditText(text))) io.out(JSON.stringify(c));
  return 0;
}
