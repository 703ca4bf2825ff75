/**
 * Inspector for one state: key, activity label, who works it (agent, tool, owner), its default
 * tier, type (normal / final / compound), guardrails, notes, and its outgoing branches.
 */
import {
  addState,
  renameState,
  setFinal,
  setInitial,
  setStateMeta,
  uniqueStateName,
} from '../../../shared/model/edits';
import type { FlatGraph, FlatState } from '../../../shared/model/flatten';
import type { GraphDoc } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { CommitInput, Field, Section, Segmented, Select, TextArea, TextInput } from './fields';
import { GuardrailsEditor } from './GuardrailsEditor';
import { TIER_OPTIONS, TierIcon } from './tierOptions';

type Kind = 'normal' | 'final' | 'compound';

export function StateInspector({ s, flat, doc }: { s: FlatState; flat: FlatGraph; doc: GraphDoc }) {
  const edit = useEditor((st) => st.edit);
  const select = useEditor((st) => st.select);
  const meta = s.config.meta ?? {};
  const meta$ = (label: string, patch: Record<string, unknown>, field: string) =>
    edit(label, (d) => setStateMeta(d, s.key, patch), { coalesce: `state:${s.key}:${field}` });
  const kind: Kind =
    s.type === 'final' ? 'final' : s.type === 'compound' || s.type === 'parallel' ? 'compound' : 'normal';
  const parentInitial = s.parent ? flat.states.get(s.parent)?.initial : flat.initial;
  const outgoing = flat.outgoing.get(s.key) ?? [];

  const rename = (name: string): string | null => {
    try {
      const next = renameState(doc, s.key, name.trim());
      edit(`Rename state to ${name.trim()}`, () => next);
      select({ kind: 'state', key: s.parent ? `${s.parent}.${name.trim()}` : name.trim() });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  const setKind = (k: Kind) => {
    if (k === kind) return;
    if (k === 'final') edit('Make state final', (d) => setFinal(d, s.key, true));
    else if (k === 'normal') edit('Make state normal', (d) => setFinal(d, s.key, false));
    else
      edit('Make state compound', (d) =>
        addState(setFinal(d, s.key, false), { parent: s.key, name: uniqueStateName(d, s.key, 'start') }),
      );
  };

  return (
    <div className="insp-body" data-testid="state-inspector">
      <div className="insp-title">
        <span className="insp-kicker">State{parentInitial === s.key ? ' · initial' : ''}</span>
        <h2>{s.activity}</h2>
      </div>

      <Section title="Identity">
        <Field
          label="Key"
          hint={
            s.parent
              ? `Inside ${s.parent}. Branches that target it follow a rename.`
              : 'Branches that target it follow a rename.'
          }
        >
          <CommitInput value={s.name} commit={rename} label="State key" mono testId="state-key" />
        </Field>
        <Field label="Activity" hint="The activity name recorded cases use for this step.">
          <TextInput
            value={(meta.activity as string) ?? ''}
            placeholder={s.name}
            label="Activity label"
            testId="state-activity"
            onChange={(activity) => meta$('Edit activity', { activity }, 'activity')}
          />
        </Field>
        <Field label="Type">
          <Segmented
            value={kind}
            label="State type"
            className="insp-segmented--small"
            options={[
              { value: 'normal', label: 'Normal' },
              { value: 'final', label: 'Final', title: 'Ends the case; a final state has no outgoing branches' },
              { value: 'compound', label: 'Compound', title: 'Holds child states' },
            ]}
            onChange={(k) => (k === 'normal' && kind === 'compound' ? undefined : setKind(k))}
          />
          {kind === 'compound' ? (
            <div className="insp-field__hint">
              Holds {s.children.length} child state{s.children.length === 1 ? '' : 's'}; delete them on the canvas to
              make it normal.
            </div>
          ) : null}
        </Field>
        {parentInitial !== s.key ? (
          <button
            type="button"
            className="insp-link"
            onClick={() => edit('Set initial state', (d) => setInitial(d, s.key))}
          >
            Make this the initial state
          </button>
        ) : null}
      </Section>

      <Section title="Who works it">
        <Field label="Agent">
          <Select
            value={(meta.agent as string) ?? ''}
            none="(no agent)"
            label="Agent"
            options={Object.keys(doc.agents).map((a) => ({ value: a, label: a }))}
            onChange={(agent) => edit('Set agent', (d) => setStateMeta(d, s.key, { agent }))}
          />
        </Field>
        <Field
          label="Tool"
          hint={meta.tool && doc.tools[meta.tool]?.limit ? `Limit: ${doc.tools[meta.tool]!.limit}` : undefined}
        >
          <Select
            value={(meta.tool as string) ?? ''}
            none="(no tool)"
            label="Tool"
            options={Object.keys(doc.tools).map((t) => ({ value: t, label: t }))}
            onChange={(tool) => edit('Set tool', (d) => setStateMeta(d, s.key, { tool }))}
          />
        </Field>
        <Field label="Owner">
          <TextInput
            value={(meta.owner as string) ?? ''}
            placeholder="Team or person"
            label="Owner"
            onChange={(owner) => meta$('Edit owner', { owner }, 'owner')}
          />
        </Field>
      </Section>

      {kind !== 'final' ? (
        <Section title="Default tier">
          <Segmented
            value={meta.tier}
            options={TIER_OPTIONS}
            label="Default tier"
            onChange={(tier) => edit(`Set default tier ${tier}`, (d) => setStateMeta(d, s.key, { tier }))}
          />
          <div className="insp-field__hint">
            {meta.tier ? (
              <button
                type="button"
                className="insp-link"
                onClick={() => edit('Clear default tier', (d) => setStateMeta(d, s.key, { tier: undefined }))}
              >
                Clear (branches without a tier are human)
              </button>
            ) : (
              'Applies to branches without their own tier. None set: human.'
            )}
          </div>
        </Section>
      ) : null}

      <Section title="Guardrails">
        <GuardrailsEditor
          value={meta.guardrails ?? []}
          schema={doc.caseSchema}
          onChange={(list) => meta$('Edit guardrails', { guardrails: list.length ? list : undefined }, 'guardrails')}
        />
      </Section>

      {outgoing.length > 0 ? (
        <Section title="Branches">
          <ol className="insp-branches">
            {outgoing.map((t) => (
              <li key={t.id}>
                <button type="button" className="insp-branch" onClick={() => select({ kind: 'transition', id: t.id })}>
                  <span className="insp-branch__event">{t.event ?? 'always'}</span>
                  <span className="insp-branch__target">→ {t.targets[0] ?? '(none)'}</span>
                  {t.tier ? (
                    <span className={`insp-tier insp-tier--${t.tier}`}>
                      <TierIcon tier={t.tier} />
                      {t.tier}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      <Section title="Notes">
        <TextArea
          value={(meta.notes as string) ?? ''}
          label="Notes"
          placeholder="How this step is done today…"
          onChange={(notes) => meta$('Edit notes', { notes }, 'notes')}
        />
      </Section>
    </div>
  );
}
