/**
 * What the CLI says about an import: its error (with how to skip bad rows) and its summary
 * (warnings, notes, skipped rows). Everything that came from the input is sanitised: a case id
 * or header holding an escape sequence must not reach the terminal raw.
 */
import type { ImportError, ImportSummary } from '../shared/import';
import { sanitizeForTerminal } from '../shared/text/sanitizeForTerminal';

/** The lines for an ImportError: the message and, for one bad row, how to skip such rows. */
export function importErrorLines(command: string, file: string, e: ImportError): string[] {
  const lines = [`${command}: ${sanitizeForTerminal(file)}: ${sanitizeForTerminal(e.message, 1000)}`];
  if (e.skippable)
    lines.push(
      `${command}: to skip rows that cannot be read (they are counted and the first ten listed), add --skip-invalid`,
    );
  return lines;
}

/** Warnings, notes and skipped rows of a finished import, one message per line. */
export function summaryLines(command: string, summary: ImportSummary): string[] {
  const lines: string[] = [];
  for (const w of summary.warnings) lines.push(`${command}: warning: ${sanitizeForTerminal(w, 1000)}`);
  for (const n of summary.notes) lines.push(`${command}: note: ${sanitizeForTerminal(n, 1000)}`);
  if (summary.skipped) {
    const listed = summary.skippedRows.length;
    lines.push(
      `${command}: skipped ${summary.skipped.toLocaleString('en-US')} row(s)/event(s) that could not be read${summary.skipped > listed ? ` (first ${listed} listed)` : ''}:`,
    );
    for (const r of summary.skippedRows)
      lines.push(`${command}:   line ${r.line}: ${sanitizeForTerminal(r.reason.replace(/^line \d+: /, ''), 300)}`);
  }
  return lines;
}
