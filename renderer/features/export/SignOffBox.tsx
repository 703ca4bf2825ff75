/**
 * The sign-off box of the Export dialog: each raised branch with the evidence the signer is
 * shown — the run's disagreement rate and its 95% Wilson interval, the cases behind it, the
 * run's dataset and graph hash — and a warning where the run recommends demoting the branch or
 * the run is stale. What is shown here is what the release record keeps.
 */
import type { ExportCheck } from '../../../shared/export/gate';
import type { SignOffEvidence } from '../../../shared/export/release';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function SignOffBox(props: {
  check: ExportCheck;
  evidence: SignOffEvidence;
  by: string;
  note: string;
  onBy(v: string): void;
  onNote(v: string): void;
}) {
  const { check, evidence } = props;
  return (
    <div className="export-signoff" data-testid="export-signoff">
      <strong>
        Tiers raised since {check.previous ? `v${check.previous.version}` : 'the start'} — sign off to export:
      </strong>
      {evidence.run ? (
        <p className="muted" data-testid="signoff-run">
          Evidence: run on “{evidence.run.datasetName}”, {evidence.run.cases} cases, graph{' '}
          <code>{evidence.run.graphHash.slice(0, 19)}…</code>
          {evidence.run.stale && <b className="export-warn"> — stale: the run is of an older version of this graph</b>}
        </p>
      ) : (
        <p className="export-warn">
          No run of this graph: the sign-off shows no evidence. Run a simulation first to see how each raised branch
          does.
        </p>
      )}
      <ul>
        {evidence.branches.map((b) => (
          <li key={b.branch} data-testid="signoff-branch">
            {b.label}:{' '}
            <b>
              {b.from} → {b.to}
            </b>
            {b.disagreement && (
              <span className="muted" data-testid="signoff-evidence">
                {' '}
                · disagreement {pct(b.disagreement.rate)} [{pct(b.disagreement.low)}–{pct(b.disagreement.high)}],{' '}
                {b.disagreement.k}/{b.disagreement.n} agent choices, {b.cases} cases
              </span>
            )}
            {b.warnings.map((w) => (
              <div key={w} className="export-warn" data-testid="signoff-warning">
                ⚠ {w}
              </div>
            ))}
          </li>
        ))}
        {check.rolloutRaised && (
          <li>
            rollout stage:{' '}
            <b>
              {check.rolloutRaised.from} → {check.rolloutRaised.to}
            </b>
          </li>
        )}
      </ul>
      <label className="export-field">
        Signed off by{' '}
        <input value={props.by} onChange={(e) => props.onBy(e.target.value)} data-testid="export-signoff-by" />
      </label>
      <label className="export-field">
        Note{' '}
        <input value={props.note} onChange={(e) => props.onNote(e.target.value)} data-testid="export-signoff-note" />
      </label>
    </div>
  );
}
