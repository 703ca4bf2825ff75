/**
 * A list of guardrails: when a CEL condition holds for the case, the step is downgraded to
 * `suggest` or `human`. Used on states and on transitions.
 */
import type { CaseField, Guardrail } from '../../../shared/model/types';
import { CelEditor } from '../../monaco/LazyCelEditor';
import { guardrailPlaceholder } from './celExamples';
import { Segmented, TextInput } from './fields';
import { TierIcon } from './tierOptions';

const DOWNGRADE = [
  {
    value: 'suggest' as const,
    label: 'Suggest',
    icon: <TierIcon tier="suggest" />,
    title: 'Downgrade to suggest: a human approves',
  },
  {
    value: 'human' as const,
    label: 'Human',
    icon: <TierIcon tier="human" />,
    title: 'Downgrade to human: a human decides',
  },
];

export function GuardrailsEditor({
  value,
  onChange,
  schema,
  testId,
}: {
  value: Guardrail[];
  onChange(next: Guardrail[]): void;
  schema: Record<string, CaseField>;
  testId?: string;
}) {
  const update = (i: number, patch: Partial<Guardrail>) =>
    onChange(value.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <div className="insp-guardrails" data-testid={testId}>
      {value.length === 0 ? (
        <div className="insp-field__hint">No guardrails. Add one to lower the tier when a condition holds.</div>
      ) : null}
      {value.map((g, i) => (
        <div className="insp-card" key={i}>
          <div className="insp-card__row">
            <span className="insp-card__label">When</span>
            <button
              type="button"
              className="insp-icon-button"
              aria-label={`Remove guardrail ${i + 1}`}
              title="Remove guardrail"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
          <CelEditor
            value={g.when}
            onChange={(when) => update(i, { when })}
            schema={schema}
            label={`Guardrail ${i + 1} condition`}
            allowEmpty={false}
            placeholder={guardrailPlaceholder(schema)}
          />
          <div className="insp-card__row">
            <span className="insp-card__label">Downgrade to</span>
            <Segmented
              value={g.downgradeTo}
              options={DOWNGRADE}
              onChange={(downgradeTo) => update(i, { downgradeTo })}
              label={`Guardrail ${i + 1} downgrade`}
              className="insp-segmented--small"
            />
          </div>
          <TextInput
            value={g.reason ?? ''}
            onChange={(reason) => update(i, { reason: reason || undefined })}
            placeholder="Reason (optional)"
            label={`Guardrail ${i + 1} reason`}
          />
        </div>
      ))}
      <button
        type="button"
        className="insp-button insp-button--ghost"
        onClick={() => onChange([...value, { when: '', downgradeTo: 'human' }])}
      >
        + Add guardrail
      </button>
    </div>
  );
}
