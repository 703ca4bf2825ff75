/**
 * `sop-studio validate <graph> [--json]`: check a graph document (or a bare XState machine
 * config, an exported XState machine JSON, an SCXML file — told by content) and print its
 * diagnostics.
 *
 * Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the file cannot be read or is not
 * a graph document at all (not JSON, not an object, unknown format).
 * --json prints exactly { "diagnostics": [{ "code", "severity", "message", "path" }] } where
 * path is an array of keys and indices (e.g. ["machine","states","triage","always",0,"target"]).
 */
import { readFile } from 'node:fs/promises';
import { readAnyGraph } from '../../shared/export/openGraph';
import type { JsonPath } from '../../shared/model/types';
import { RULES, validateGraph } from '../../shared/validation';
import type { CliIo } from '../io';

export const HELP = `usage: sop-studio validate <graph.sop.json> [--json]

Checks a graph document (or a bare XState machine config, an XState machine JSON or SCXML file
exported by SOP Studio, or any SCXML) and prints one line per diagnostic:
  <severity>  <code>  <path>  <message>
where <path> is a dotted JSON path (array indices as [n]).

  --json   print {"diagnostics":[{"code","severity","message","path"}]}, path as a JSON array
           of keys and indices, e.g. ["machine","states","triage","always",0,"target"]

exit codes: 0 no errors (warnings allowed), 1 errors, 2 file unreadable or not a graph document

rules:
${RULES.map((r) => `  ${r.code.padEnd(36)} ${r.summary}`).join('\n')}`;

/**
 * Text from a file made safe for a terminal: control characters (escape sequences, carriage
 * returns, bells) shown as \u{…} so a hostile file cannot repaint or hide what is printed.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

/** Dotted path for humans: machine.states.triage.always[0].target */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(document)';
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length || files.length !== 1) {
    io.err(unknown.length ? `validate: unknown option ${unknown[0]}` : 'validate: give exactly one graph file');
    io.err(HELP);
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    io.err(
      `validate: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((e as Error)?.message ?? e)}`,
    );
    return 2;
  }
  const read = await readAnyGraph(text);
  if (!read.ok) {
    for (const e of read.errors)
      io.err(printable(`validate: ${file}: ${e.path.length ? `${formatPath(e.path)}: ` : ''}${e.message}`));
    return 2;
  }
  for (const note of read.notes) io.err(printable(`validate: ${file}: not imported: ${note}`));
  const diagnostics = validateGraph(read.doc);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (json) {
    io.out(
      JSON.stringify(
        { diagnostics: diagnostics.map(({ code, severity, message, path }) => ({ code, severity, message, path })) },
        null,
        2,
      ),
    );
  } else {
    for (const d of diagnostics) io.out(printable(`${d.severity}  ${d.code}  ${formatPath(d.path)}  ${d.message}`));
    const infos = diagnostics.length - errors - warnings;
    io.out(
      `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''}`,
    );
  }
  return errors > 0 ? 1 : 0;
}
