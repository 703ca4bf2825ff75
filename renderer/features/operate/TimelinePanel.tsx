/**
 * The per-case flight recorder: pick a case (recent cases, or from an inbox item) and read its
 * audit records and the console actions around it. Refetched when the service says the case changed.
 */
import { useEffect, useState } from 'react';
import { useOperate } from './operateStore';
import { buildTimeline, type TimelineRow } from './timeline';
import type { AuditRecord, CaseView, ConsoleAction } from './types';

function useCases(): CaseView[] {
  const client = useOperate((s) => s.client);
  const version = useOperate((s) => s.casesVersion);
  const [cases, setCases] = useState<CaseView[]>([]);
  useEffect(() => {
    if (!client) return;
    let live = true;
    void client.get<{ cases: CaseView[] }>('/cases').then(
      (r) => live && setCases(r.cases),
      () => undefined,
    );
    return () => void (live = false);
  }, [client, version]);
  return cases;
}

function useTimeline(caseId: string | null): { rows: TimelineRow[]; error: string | null } {
  const client = useOperate((s) => s.client);
  const version = useOperate((s) => s.casesVersion);
  const [state, setState] = useState<{ rows: TimelineRow[]; error: string | null }>({ rows: [], error: null });
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- no case, no timeline; otherwise rows are fetched from the service below
    if (!client || !caseId) return setState({ rows: [], error: null });
    let live = true;
    const id = encodeURIComponent(caseId);
    void Promise.all([
      client.get<{ records: AuditRecord[] }>(`/cases/${id}/history`),
      client.get<{ actions: ConsoleAction[] }>(`/console/actions?caseId=${id}`),
    ]).then(
      ([h, a]) => live && setState({ rows: buildTimeline(h.records, a.actions), error: null }),
      (e: unknown) => live && setState({ rows: [], error: e instanceof Error ? e.message : String(e) }),
    );
    return () => void (live = false);
  }, [client, caseId, version]);
  return state;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

export function TimelinePanel() {
  const selected = useOperate((s) => s.selectedCase);
  const selectCase = useOperate((s) => s.selectCase);
  const cases = useCases();
  const { rows, error } = useTimeline(selected);
  return (
    <section className="operate-timeline" data-testid="operate-timeline">
      <div className="operate-actions">
        <h3>Flight recorder</h3>
        <select
          className="nokey"
          aria-label="Case"
          data-testid="timeline-case"
          value={selected ?? ''}
          onChange={(e) => selectCase(e.target.value || null)}
        >
          <option value="">Choose a case…</option>
          {cases.map((c) => (
            <option key={c.caseId} value={c.caseId}>
              {c.caseId} · {c.state || 'starting'} · {c.status}
            </option>
          ))}
        </select>
      </div>
      {error && <p className="operate-error">{error}</p>}
      {selected && (
        <ol className="timeline" data-testid="timeline-rows">
          {rows.map((r, i) => (
            <li key={i} className={`timeline__row tone-${r.tone} from-${r.source}`} data-testid="timeline-row">
              <time dateTime={r.at}>{time(r.at)}</time>
              <span className="timeline__who">{r.who}</span>
              <span className="timeline__what">{r.what}</span>
              {r.guardrails.length > 0 && <span className="timeline__guard">⚑ {r.guardrails.join(', ')}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
