/**
 * Live evidence over a chosen window (override rate, auto errors, guardrail trips per state, with
 * Wilson intervals) and "use as dataset": the service's audit trail imported into the simulator
 * as recorded cases carrying the agent's proposals, through the data feature's own import.
 */
import { useEffect, useState } from 'react';
import { useEditor } from '../../app/store';
import { probeFile, startImport } from '../data/importClient';
import { useSim } from '../simulation/simStore';
import { auditToDataset, casesToJsonl, PROPOSAL_COLUMN } from './auditDataset';
import { buildEvidence, fmtInterval, type StateEvidence } from './evidence';
import { useOperate } from './operateStore';
import type { AuditRecord, BranchFigures } from './types';

const WINDOWS = [
  { minutes: 15, label: 'last 15 minutes' },
  { minutes: 60, label: 'last hour' },
  { minutes: 1440, label: 'last 24 hours' },
  { minutes: 0, label: 'all time' },
];

function useEvidence(minutes: number): StateEvidence[] | null {
  const client = useOperate((s) => s.client);
  const version = useOperate((s) => s.casesVersion);
  const [rows, setRows] = useState<StateEvidence[] | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    void client.get<{ branches: BranchFigures[] }>(`/console/figures${minutes ? `?minutes=${minutes}` : ''}`).then(
      (r) => live && setRows(buildEvidence(r.branches)),
      () => undefined,
    );
    return () => void (live = false);
  }, [client, minutes, version]);
  return rows;
}

async function importAuditAsDataset(): Promise<void> {
  const s = useOperate.getState();
  if (!s.client) return;
  s.setBusy('Reading the audit trail…');
  try {
    const { records, proposals, truncated } = await s.client.get<{
      records: AuditRecord[];
      proposals: Record<string, string>;
      truncated: boolean;
    }>('/console/audit');
    const cases = auditToDataset(records, proposals);
    const name = `${s.health?.graph ?? 'service'} production audit (${new Date().toISOString().slice(0, 16).replace('T', ' ')})`;
    const file = new File([casesToJsonl(cases)], 'service-audit.jsonl', { type: 'application/x-ndjson' });
    const handle = startImport(file, await probeFile(file), { name, onProgress: () => undefined });
    const row = await handle.done;
    if (!row) return;
    useSim.getState().setDataset(row.id);
    useOperate.setState({
      outcome: {
        text: `Imported ${cases.length} cases as dataset "${name}"${truncated ? ' (the trail was cut at 200,000 records)' : ''}; the agent's proposals are in ${PROPOSAL_COLUMN}.`,
        tone: 'good',
      },
    });
  } catch (e) {
    useOperate.setState({
      outcome: { text: `Use as dataset failed: ${e instanceof Error ? e.message : String(e)}`, tone: 'bad' },
    });
  } finally {
    useOperate.getState().setBusy(null);
  }
}

export function EvidencePanel() {
  const [minutes, setMinutes] = useState(60);
  const rows = useEvidence(minutes);
  const busy = useOperate((s) => s.busy);
  const datasetId = useSim((s) => s.datasetId);
  return (
    <section className="operate-evidence" data-testid="operate-evidence">
      <div className="operate-actions">
        <h3>Live evidence</h3>
        <select
          className="nokey"
          aria-label="Window"
          data-testid="evidence-window"
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
        >
          {WINDOWS.map((w) => (
            <option key={w.minutes} value={w.minutes}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
      {!rows ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No steps in this window.</p>
      ) : (
        <table data-testid="evidence-table">
          <thead>
            <tr>
              <th>State</th>
              <th>Auto steps</th>
              <th>Auto errors</th>
              <th>Decided suggestions</th>
              <th>Override rate</th>
              <th>Guardrail trips</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.state} data-state={r.state}>
                <td>
                  <b>{r.state}</b>
                  {r.autoByTarget.length > 0 && (
                    <div className="muted small">
                      {r.autoByTarget.map((t) => `→ ${t.target} ${t.auto}`).join(' · ')}
                    </div>
                  )}
                </td>
                <td>{r.auto}</td>
                <td>
                  {r.autoErrors} <span className="muted">{fmtInterval(r.autoErrorRate)}</span>
                </td>
                <td>{r.decided}</td>
                <td>
                  {r.overridden} <span className="muted">{fmtInterval(r.overrideRate)}</span>
                </td>
                <td>
                  {r.guardrailTrips} <span className="muted">{fmtInterval(r.tripRate)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        Rates with 95% Wilson intervals. Auto errors: automatic actions later undone (rolled back).
      </p>
      <h4>Use as dataset</h4>
      <p className="muted">
        Import the service's audit trail into the simulator as recorded cases, with the agent's proposals in{' '}
        <code>{PROPOSAL_COLUMN}</code> (the recorded agent policy), so the next tier decision uses production evidence.
      </p>
      <div className="operate-actions">
        <button
          className="primary-button"
          disabled={busy !== null}
          onClick={() => void importAuditAsDataset()}
          data-testid="evidence-use-dataset"
        >
          {busy ?? 'Use as dataset'}
        </button>
        {datasetId && (
          <button onClick={() => useEditor.getState().setMode('simulate')} data-testid="evidence-open-simulator">
            Open in the simulator
          </button>
        )}
      </div>
    </section>
  );
}
