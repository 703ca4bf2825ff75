/**
 * What an import skipped, assumed and counted (ImportSummary saved on the dataset): the first
 * ten skipped rows with line and reason, notes (time zone, date order, lifecycle pairing),
 * warnings, and the lifecycle values with their event counts. Nothing is skipped silently.
 */
import type { ImportSummary } from '../../../shared/import/types';
import { fmtInt } from './format';

export function ImportAccount({ summary }: { summary: ImportSummary }) {
  const lifecycle = Object.entries(summary.lifecycle ?? {}).sort((a, b) => b[1] - a[1]);
  const listed = summary.skippedRows ?? [];
  return (
    <div data-testid="ds-import-summary">
      {summary.skipped > 0 && (
        <div className="sim-warn-text" data-testid="ds-skipped">
          Skipped {fmtInt(summary.skipped)} row(s) that could not be read
          {summary.skipped > listed.length ? ` (first ${listed.length} listed)` : ''}:
          <ul>
            {listed.map((r) => (
              <li key={r.line}>
                line {r.line}: {r.reason.replace(/^line \d+: /, '')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {[...(summary.warnings ?? []), ...(summary.notes ?? [])].map((n, i) => (
        <div key={i} className="sim-muted">
          {n}
        </div>
      ))}
      {lifecycle.length > 0 && (
        <div className="sim-muted" data-testid="ds-lifecycle">
          lifecycle: {lifecycle.map(([v, n]) => `${v} ${fmtInt(n)}`).join(' · ')}
        </div>
      )}
    </div>
  );
}
