/** One case, step by step: recorded events beside the graph path; agent vs human; tier and why. */
import { useEffect, useRef } from 'react';
import type { RecordedCase } from '../../../shared/model/types';
import type { TierReason } from '../../../shared/tier/effectiveTier';
import type { TraceView } from './engine';

/** Human wording of a reason the tier is what it is. */
export function describeReason(r: TierReason): string {
  switch (r.kind) {
    case 'branch':
      return r.from === 'default'
        ? 'no tier marked: human by default'
        : `branch marked ${r.tier}${r.from === 'state' ? ' (state default)' : ''}`;
    case 'rollout':
      return `rollout stage “${r.rollout}” caps it at ${r.tier}`;
    case 'guardrail':
      return `guardrail on the ${r.on} held (${r.when}): down to ${r.tier}`;
    case 'limit':
      return `limit of tool ${r.tool} does not hold (${r.limit}): down to human`;
    case 'kill-switch':
      return `kill switch on ${r.target}: down to suggest`;
  }
}

/** "triage|always||0" → "→ refund" style label, using the graph's transition targets. */
function branchLabel(trace: TraceView, id: string | null): string {
  if (id === null) return 'abstains (escalates)';
  return `→ ${trace.targets[id] ?? id}`;
}

const OUTCOME_CLASS: Record<string, string> = {
  override: 'sim-bad',
  'auto-error': 'sim-bad',
  accepted: 'sim-good',
  'auto-correct': 'sim-good',
  human: 'sim-neutral',
};

export function CaseSteps(props: {
  c: RecordedCase;
  trace: TraceView;
  step: number;
  setStep(n: number): void;
  onClose(): void;
}) {
  const { c, trace, step, setStep } = props;
  const current = trace.steps[step];
  const consumed = new Set(trace.steps.map((s) => s.eventIndex).filter((i) => i >= 0));
  if (trace.startConsumed) consumed.add(0);
  const card = useRef<HTMLDivElement>(null);
  // a newly opened case scrolls into view (the case list above it can be long). Braces matter:
  // recent Chromium returns a Promise from scrollIntoView, which React would call as a cleanup.
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [c]);
  return (
    <div className="sim-card" data-testid="case-steps" ref={card}>
      <div className="sim-row">
        <strong>
          Case <span data-testid="open-case-id">{c.caseId}</span>
        </strong>
        <span className="sim-muted">
          {trace.end === 'final'
            ? 'reached a final state'
            : trace.end === 'deviated'
              ? `deviated at ${trace.deviatedAt}`
              : trace.end}
          {trace.trailing > 0 ? ` · ${trace.trailing} trailing events` : ''}
        </span>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      <div className="sim-row">
        <button
          type="button"
          onClick={() => setStep(Math.max(0, step - 1))}
          disabled={step <= 0}
          data-testid="step-prev"
        >
          ◀ Prev
        </button>
        <span data-testid="step-counter">
          Step {Math.min(step + 1, trace.steps.length)} of {trace.steps.length}
        </span>
        <button
          type="button"
          onClick={() => setStep(Math.min(trace.steps.length - 1, step + 1))}
          disabled={step >= trace.steps.length - 1}
          data-testid="step-next"
        >
          Next ▶
        </button>
      </div>
      {current && (
        <div className="sim-card" data-testid="step-detail">
          <div>
            At <strong>{current.state}</strong>
            {current.eventIndex >= 0 ? (
              <>
                {' '}
                · event #{current.eventIndex + 1} “{c.events[current.eventIndex]?.activity}”
              </>
            ) : (
              ' · trace used up: implicit close'
            )}
          </div>
          <div>
            Agent: <strong>{branchLabel(trace, current.agent)}</strong> · Human:{' '}
            <strong>{branchLabel(trace, current.human)}</strong>{' '}
            <span className={`sim-badge ${OUTCOME_CLASS[current.outcome] ?? 'sim-neutral'}`} data-testid="step-outcome">
              {current.outcome}
            </span>
          </div>
          <div>
            Tier <strong data-testid="step-tier">{current.tier}</strong>
            {current.tier !== current.allowed ? ` (branch and stage allowed ${current.allowed})` : ''}
            {current.tripped ? <span className="sim-badge sim-warn"> guardrail trip</span> : null}
          </div>
          <ul className="sim-why" data-testid="step-why">
            {current.reasons.map((r, i) => (
              <li key={i}>{describeReason(r)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="sim-events">
        <div>
          <h4>Recorded events</h4>
          <ol>
            {c.events.map((e, i) => (
              <li
                key={i}
                className={current?.eventIndex === i ? 'sim-consumed' : consumed.has(i) ? undefined : 'sim-unmatched'}
                title={consumed.has(i) ? undefined : 'not matched by the graph (deviation or trailing)'}
              >
                {e.activity}
                {i === 0 && trace.startConsumed ? (
                  <span className="sim-muted"> (entered the initial state)</span>
                ) : null}
                {e.resource ? <span className="sim-muted"> · {e.resource}</span> : null}
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h4>Graph path</h4>
          <ol className="sim-steps">
            {trace.steps.map((s, i) => (
              <li key={i} className={i === step ? 'sim-current' : undefined} onClick={() => setStep(i)}>
                <span className="sim-stepno">{i + 1}</span>
                <span>
                  {s.state} {branchLabel(trace, s.human)}
                </span>
                <span className="sim-muted">
                  agent {branchLabel(trace, s.agent)} · {s.tier}
                </span>
                <span className={`sim-badge ${OUTCOME_CLASS[s.outcome] ?? 'sim-neutral'}`}>{s.outcome}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
}
