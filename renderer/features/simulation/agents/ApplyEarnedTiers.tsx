/** Apply one policy's earned tiers to the graph as one undoable edit (branches whose tier differs). */
import { useState } from 'react';
import type { AgentComparison } from '../../../../shared/agents';
import { flattenMachine } from '../../../../shared/model/flatten';
import type { GraphDoc, Tier } from '../../../../shared/model/types';
import { useEditor } from '../../../app/store';
import { isOutOfDate, useRunStanding } from '../useRunStanding';
import { applyVariantToDoc } from '../variantCheck';
import { earnedTierEdits } from './agentView';

function markedTiers(doc: GraphDoc): Record<string, Tier> {
  const flat = flattenMachine(doc.machine);
  return Object.fromEntries(
    flat.transitions.map((t) => [t.id, t.tier ?? flat.states.get(t.source)?.config.meta?.tier ?? 'human']),
  );
}

export function ApplyEarnedTiers(props: { comparison: AgentComparison }) {
  const cmp = props.comparison;
  const [applyOf, setApplyOf] = useState(
    () => cmp.policies.find((p) => p.kind !== 'rules')?.policy ?? cmp.policies[0]?.policy ?? '',
  );
  const [applied, setApplied] = useState<string | null>(null);
  const edit = useEditor((s) => s.edit);
  const doc = useEditor((s) => s.doc);
  const standing = useRunStanding();
  const edits = applyOf ? earnedTierEdits(cmp, applyOf, markedTiers(doc)) : {};
  const nEdits = Object.keys(edits).length;
  const blocked =
    isOutOfDate(standing) || standing?.kind === 'checking'
      ? 'The graph changed since this run: run again before applying tiers.'
      : nEdits === 0
        ? 'Every branch already has the tier this policy earned.'
        : null;
  const apply = () => {
    if (blocked) return;
    const label = `earned tiers of ${applyOf} (${nEdits} branch${nEdits > 1 ? 'es' : ''})`;
    // one edit: undo restores every tier at once
    edit(`Apply ${label}`, (d) =>
      applyVariantToDoc(d, { rollout: d.rollout, tiers: edits, disabledGuardrails: [], added: null }),
    );
    setApplied(
      `${label}: ${Object.entries(edits)
        .map(([id, t]) => `${id} → ${t}`)
        .join(', ')}`,
    );
  };
  return (
    <div className="sim-card" data-testid="agents-apply">
      <div className="sim-controls">
        <label>
          Earned tiers of
          <select
            value={applyOf}
            onChange={(e) => {
              setApplyOf(e.target.value);
              setApplied(null);
            }}
            data-testid="agents-apply-policy"
          >
            {cmp.policies.map((p) => (
              <option key={p.policy} value={p.policy}>
                {p.policy}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={apply}
          disabled={blocked !== null}
          title={blocked ?? 'Write these tiers into the graph (one undoable edit)'}
          data-testid="agents-apply-tiers"
        >
          Apply earned tiers ({nEdits})
        </button>
      </div>
      {blocked && <div className="sim-muted">{blocked}</div>}
      {applied && (
        <div className="sim-muted sim-wrap" data-testid="agents-applied">
          Applied {applied}. Undo reverts it in one step.
        </div>
      )}
      <span className="sim-muted">
        A confidence threshold is not written to the graph: the document has no per-branch threshold field (DESIGN
        "Agent policies"), so the threshold marked on the coverage curve is advice for the agent's configuration.
      </span>
    </div>
  );
}
