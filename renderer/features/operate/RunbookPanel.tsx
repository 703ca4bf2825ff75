/** The run book panel: owners, where cases escalate, what each kill switch does — from the graph. */
import { useMemo } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { buildRunbook } from './runbook';

export function RunbookPanel() {
  const doc = useEditor((s) => s.doc);
  const book = useMemo(() => buildRunbook(doc, flattenMachine(doc.machine)), [doc]);
  return (
    <section className="operate-runbook" data-testid="operate-runbook">
      <h3>Run book: {doc.name}</h3>
      <h4>Owners</h4>
      <ul className="operate-list">
        {Object.entries(doc.agents ?? {}).map(([name, a]) => (
          <li key={name}>
            Agent <b>{name}</b>: owned by {a.owner ?? <span className="tone-bad">nobody (set an owner)</span>}; reads{' '}
            {(a.reads ?? []).join(', ') || 'nothing'}; tools {(a.tools ?? []).join(', ') || 'none'}
          </li>
        ))}
      </ul>
      <h4>Escalation paths</h4>
      <ul className="operate-list">
        {book.escalations.map((e) => (
          <li key={e.state}>
            <b>{e.activity}</b> ({e.state}): {e.humanBranches.join('; ')} — decided by {e.decidedBy ?? 'any approver'}
          </li>
        ))}
      </ul>
      <h4>Kill switches</h4>
      <ul className="operate-list">
        {book.switches.map((s) => (
          <li key={`${s.scope}:${s.name}`}>
            <b>{s.scope === 'graph' ? 'Whole graph' : `${s.scope} ${s.name}`}</b>: {s.effect}
          </li>
        ))}
      </ul>
      <h4>Hand things back to people</h4>
      <p className="muted">
        Pause the whole graph: every automatic step becomes a suggestion in the inbox. Drain stops new cases; cases in
        flight finish. Roll back undoes an agent's last actions through each tool's undo, newest first, and lists what
        cannot be undone.
      </p>
    </section>
  );
}
