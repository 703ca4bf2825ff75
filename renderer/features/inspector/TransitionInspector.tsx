/**
 * Inspector for one branch: event (or always), target, tier, CEL guard, guardrails, notes, and
 * its position in the source state's branch list (the first branch whose guard holds wins).
 */
import { useMemo } from 'react';
import { moveTransition, setEvent, setGuard, setTarget, setTier, updateTransition } from '../../../shared/model/edits';
import type { FlatGraph, FlatTransition } from '../../../shared/model/flatten';
import type { GraphDoc, TransitionConfig } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { CelEditor } from '../../monaco/LazyCelEditor';
import { CommitInput, Field, Section, Segmented, Select, TextArea } from './fields';
import { GuardrailsEditor } from './GuardrailsEditor';
import { idAfterEventChange, idAfterMove } from './selectionAfter';
import { TIER_OPTIONS, TIER_TEXT } from './tierOptions';

function setTransitionMeta(doc: GraphDoc, id: string, patch: Record<string, unknown>): GraphDoc {
  return updateTransition(doc, id, (c) => {
    const meta: Record<string, unknown> = { ...(c.meta ?? {}) };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete meta[k];
      else meta[k] = v;
    }
    const next: TransitionConfig = { ...c, meta };
    if (Object.keys(meta).length === 0) delete next.meta;
    return next;
  });
}

export function TransitionInspector({ t, flat, doc }: { t: FlatTransition; flat: FlatGraph; doc: GraphDoc }) {
  const edit = useEditor((s) => s.edit);
  const select = useEditor((s) => s.select);
  const siblings = flat.outgoing.get(t.source) ?? [];
  const stateOptions = useMemo(
    () => flat.stateOrder.map((k) => ({ value: k, label: `${k} — ${flat.states.get(k)!.activity}` })),
    [flat],
  );
  const inherited = flat.states.get(t.source)?.config.meta?.tier;
  const guardrails = t.config.meta?.guardrails ?? [];
  const prev = siblings[t.order - 1];
  const next = siblings[t.order + 1];

  const move = (delta: -1 | 1) => {
    const after = moveTransition(doc, t.id, delta);
    if (after === doc) return;
    edit('Reorder branch', () => after);
    const id = idAfterMove(after, t, delta);
    if (id) select({ kind: 'transition', id });
  };

  const commitEvent = (raw: string): string | null => {
    const event = raw.trim();
    if (event && !/^[\w.*:-]+$/.test(event)) return 'Use letters, digits, _ . : - or *';
    const after = setEvent(doc, t.id, event || null);
    if (after === doc) return null;
    edit(event ? `Set event ${event}` : 'Make branch eventless', () => after);
    const id = idAfterEventChange(after, t, event || null);
    if (id) select({ kind: 'transition', id });
    return null;
  };

  return (
    <div className="insp-body" data-testid="transition-inspector">
      <div className="insp-title">
        <span className="insp-kicker">Branch</span>
        <h2>
          {t.source} <span className="insp-arrow">→</span> {t.targets[0] ?? t.unresolved[0] ?? '(no target)'}
        </h2>
      </div>

      <Section title="Trigger">
        {t.kind === 'after' ? (
          <Field label="After">
            <code>{t.event}</code>
          </Field>
        ) : (
          <Field
            label="Event"
            hint={
              t.kind === 'always'
                ? 'Always: taken as soon as the state is entered and the guard holds.'
                : 'Taken when this event arrives and the guard holds.'
            }
          >
            <div className="insp-inline">
              <Segmented
                value={t.kind === 'always' ? 'always' : 'event'}
                options={[
                  { value: 'always', label: 'Always' },
                  { value: 'event', label: 'On event' },
                ]}
                onChange={(v) => (v === 'always' ? commitEvent('') : t.kind === 'always' ? commitEvent('EVENT') : null)}
                label="Trigger kind"
                className="insp-segmented--small"
              />
              {t.kind === 'on' ? (
                <CommitInput
                  value={t.event ?? ''}
                  commit={commitEvent}
                  label="Event name"
                  mono
                  testId="transition-event"
                />
              ) : null}
            </div>
          </Field>
        )}
        <Field label="Target">
          <Select
            value={t.targets[0] ?? ''}
            options={stateOptions}
            none="(no target)"
            label="Target state"
            testId="transition-target"
            onChange={(v) => edit('Set target', (d) => setTarget(d, t.id, v || null))}
          />
        </Field>
      </Section>

      <Section title="Who acts">
        <Segmented
          value={t.tier}
          options={TIER_OPTIONS}
          onChange={(tier) => edit(`Set tier ${tier}`, (d) => setTier(d, t.id, tier))}
          label="Tier"
          testId="tier-control"
        />
        <div className="insp-field__hint">
          {t.tier ? (
            <>
              {TIER_TEXT[t.tier].title}.{' '}
              <button
                type="button"
                className="insp-link"
                onClick={() => edit('Clear tier', (d) => setTier(d, t.id, undefined))}
              >
                Inherit from state
              </button>
            </>
          ) : (
            <>
              Inherits {inherited ?? 'human'} from {inherited ? `state ${t.source}` : 'the default'}.
            </>
          )}
        </div>
      </Section>

      <Section title="Guard">
        <CelEditor
          value={t.guardExpr ?? ''}
          schema={doc.caseSchema}
          label="Guard expression"
          placeholder="No guard: always holds"
          testId="guard-editor"
          onChange={(expr) => edit('Edit guard', (d) => setGuard(d, t.id, expr), { coalesce: `guard:${t.id}` })}
        />
        {t.otherGuard ? (
          <div className="insp-field__hint">
            This branch has a non-CEL guard ({JSON.stringify(t.otherGuard).slice(0, 60)}); typing here replaces it.
          </div>
        ) : null}
      </Section>

      <Section title="Guardrails">
        <GuardrailsEditor
          value={guardrails}
          schema={doc.caseSchema}
          onChange={(list) =>
            edit('Edit guardrails', (d) => setTransitionMeta(d, t.id, { guardrails: list }), {
              coalesce: `guardrails:${t.id}`,
            })
          }
        />
      </Section>

      <Section title="Notes">
        <TextArea
          value={(t.config.meta?.notes as string) ?? ''}
          label="Notes"
          placeholder="Why this branch exists, who to ask…"
          onChange={(notes) =>
            edit('Edit notes', (d) => setTransitionMeta(d, t.id, { notes }), { coalesce: `notes:${t.id}` })
          }
        />
      </Section>

      <Section title="Branch order">
        <div className="insp-order">
          <span>
            Branch {t.order + 1} of {siblings.length} from <strong>{t.source}</strong>
          </span>
          <div className="insp-inline">
            <button
              type="button"
              className="insp-button"
              disabled={!prev || prev.kind !== t.kind}
              onClick={() => move(-1)}
              aria-label="Move branch up"
            >
              ↑ Up
            </button>
            <button
              type="button"
              className="insp-button"
              disabled={!next || next.kind !== t.kind}
              onClick={() => move(1)}
              aria-label="Move branch down"
            >
              ↓ Down
            </button>
          </div>
        </div>
        <div className="insp-field__hint">The agent takes the first branch whose guard holds.</div>
      </Section>
    </div>
  );
}
