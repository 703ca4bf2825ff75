/**
 * Bottom-tab list of diagnostics, live as the document changes, grouped by severity. Each row
 * shows severity (icon + word), rule code, message and location; activating it selects and
 * reveals what it names.
 */
import { useMemo, useState } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import type { Diagnostic } from '../../../shared/validation/types';
import { useEditor } from '../../app/store';
import { groupBySeverity, locationOf, revealOf, SEVERITIES } from './diagnosticLocation';
import { reveal } from './reveal';
import { countBySeverity, useDiagnostics } from './useDiagnostics';
import './validation.css';

const WORD: Record<Diagnostic['severity'], [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

function SeverityIcon({ severity }: { severity: Diagnostic['severity'] }) {
  const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;
  if (severity === 'error')
    return (
      <svg {...common} className="vp-icon vp-icon--error">
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  if (severity === 'warning')
    return (
      <svg {...common} className="vp-icon vp-icon--warning">
        <path d="M8 1.5l7 12.5H1z" fill="currentColor" />
        <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        <circle cx="8" cy="12" r="0.9" fill="#fff" />
      </svg>
    );
  return (
    <svg {...common} className="vp-icon vp-icon--info">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 7.2v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="4.8" r="0.9" fill="#fff" />
    </svg>
  );
}

export function ValidationPanel() {
  const diagnostics = useDiagnostics();
  const machine = useEditor((s) => s.doc.machine);
  const selection = useEditor((s) => s.selection);
  const flat = useMemo(() => flattenMachine(machine), [machine]);
  const [hidden, setHidden] = useState<Set<Diagnostic['severity']>>(new Set());
  const counts = countBySeverity(diagnostics);
  const groups = groupBySeverity(diagnostics).filter((g) => !hidden.has(g.severity));

  const toggle = (s: Diagnostic['severity']) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  return (
    <div className="validation-panel" data-testid="validation-panel">
      <div className="vp-toolbar" role="toolbar" aria-label="Filter diagnostics">
        {SEVERITIES.map((s) => (
          <button
            key={s}
            type="button"
            className={`vp-filter${hidden.has(s) ? '' : ' is-on'}`}
            aria-pressed={!hidden.has(s)}
            onClick={() => toggle(s)}
            data-testid={`vp-count-${s}`}
          >
            <SeverityIcon severity={s} />
            {counts[s]} {WORD[s][counts[s] === 1 ? 0 : 1]}
          </button>
        ))}
      </div>
      {diagnostics.length === 0 ? (
        <div className="vp-empty">
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="7" fill="var(--good, #1f9d63)" />
            <path
              d="M4.8 8.2l2.2 2.2 4.2-4.6"
              stroke="#fff"
              strokeWidth="1.7"
              fill="none"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          No problems found.
        </div>
      ) : (
        <div className="vp-list" role="list">
          {groups.map((g) => (
            <div key={g.severity} role="group" aria-label={`${g.items.length} ${WORD[g.severity][1]}`}>
              {g.items.map((d, i) => {
                const target = revealOf(d, flat);
                const selected =
                  (target.kind === 'state' && selection?.kind === 'state' && selection.key === target.key) ||
                  (target.kind === 'transition' && selection?.kind === 'transition' && selection.id === target.id);
                return (
                  <button
                    key={`${d.code}:${d.path.join('.')}:${i}`}
                    type="button"
                    role="listitem"
                    className={`vp-row vp-row--${d.severity}${selected ? ' is-selected' : ''}`}
                    data-testid="diagnostic"
                    data-code={d.code}
                    // the message is cut to one line in the row: the whole of it on hover
                    title={`${d.message} (${d.code} · ${locationOf(d, flat)})`}
                    onClick={() => reveal(target)}
                  >
                    <SeverityIcon severity={d.severity} />
                    <span className="vp-sr">{d.severity}</span>
                    <span className="vp-message">{d.message}</span>
                    <span className="vp-code">{d.code}</span>
                    <span className="vp-location">{locationOf(d, flat)}</span>
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
