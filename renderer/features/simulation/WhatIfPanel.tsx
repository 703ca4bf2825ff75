/**
 * What-if: change the rollout stage, branch tiers or guardrails and compare with the baseline run
 * side by side. The run's worker re-scores the facts it kept, so the data is not read again.
 * Conditions are written in the CEL editor and type-checked like guards; an invalid variant is
 * not scored. A valid variant of a current run can be applied to the graph as one undoable edit.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import { ROLLOUTS, TIERS, type GraphDoc, type Rollout, type Tier } from '../../../shared/model/types';
import { dataDb } from './db';
import { RunSession, type WhatIfAnswer } from './runClient';
import { useSim } from './simStore';
import { baselineVariant, describeVariant, listGuardrails, toEngineVariant, type Variant } from './variantDoc';
import { toResultView } from './engine';
import { CompareTable } from './CompareTable';
import { CelEditor } from '../../monaco/LazyCelEditor';
import { guardrailPlaceholder } from '../inspector/celExamples';
import { useEditor } from '../../app/store';
import { applyVariantToDoc, blockedReason, checkVariant } from './variantCheck';
import { isBaseline } from './variantDoc';
import { isOutOfDate, useRunStanding } from './useRunStanding';

export function WhatIfPanel() {
  const active = useSim((s) => s.active);
  const session = useSim((s) => s.session);
  const run = useLiveQuery(() => (active ? dataDb().runs.get(active.runId) : undefined), [active?.runId]);
  const base = run?.graph as GraphDoc | undefined;
  const [variant, setVariant] = useState<Variant | null>(null);
  const [answer, setAnswer] = useState<(WhatIfAnswer & { label: string; rebuilt: boolean }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const flat = useMemo(() => (base ? flattenMachine(base.machine) : null), [base]);
  const guardrails = useMemo(() => (base ? listGuardrails(base) : []), [base]);
  const answerView = useMemo(() => (answer ? toResultView(answer.result) : null), [answer]);
  const setCanvasVariant = useSim((s) => s.setCanvasVariant);
  const onCanvas = useSim((s) => s.canvasVariant !== null);
  const standing = useRunStanding();
  const edit = useEditor((s) => s.edit);
  const [applied, setApplied] = useState<string | null>(null);
  // the canvas shows the baseline again when the panel closes or the variant is recomputed
  useEffect(() => () => setCanvasVariant(null), [setCanvasVariant]);
  useEffect(() => {
    setCanvasVariant(null);
  }, [answer, setCanvasVariant]);

  if (!active || !base || !flat) return <div className="sim-card sim-muted">Run a replay first (Run tab).</div>;
  const v = variant ?? { ...baselineVariant(base), rollout: active.rollout as Rollout };
  const update = (patch: Partial<Variant>) => {
    setApplied(null);
    setVariant({ ...v, ...patch });
  };
  const problems = checkVariant(base, v, active.caseFields);
  const blocked = blockedReason(problems);
  // the new condition's own CEL errors show inline in its editor; every other problem is listed
  const listed = problems.filter((p) => !(p.field === 'added' && p.source === 'cel'));
  const applyBlocked =
    blocked ??
    (isOutOfDate(standing) || standing?.kind === 'checking'
      ? 'The graph changed since this run: run again before applying a variant.'
      : isBaseline(base, v)
        ? 'The variant is the same as the graph.'
        : null);
  const label = describeVariant({ ...base, rollout: active.rollout as Rollout }, v);
  const apply = () => {
    if (applyBlocked) return;
    // one edit: undo restores the graph as it was before the whole variant
    edit(`Apply what-if: ${label}`, (d) => applyVariantToDoc(d, v));
    setApplied(label);
  };

  const compare = async () => {
    if (blocked) return;
    setBusy(true);
    setError(null);
    try {
      let live = session;
      let rebuilt = false;
      if (!live) {
        // a run reopened from storage: rebuild its facts once from the stored chunks (nothing is
        // written), then every variant is re-scored from them like for a fresh run
        live = new RunSession(
          {
            runId: active.runId,
            datasetId: active.datasetId,
            datasetName: run!.datasetName,
            projectId: run!.projectId,
            doc: base,
            rollout: active.rollout as Rollout,
            store: false,
          },
          () => undefined,
        );
        if (!(await live.done)) throw new Error('rebuilding the facts was cancelled');
        useSim.getState().attachSession(live);
        rebuilt = true;
      }
      const a = await live.whatIf(toEngineVariant(base, v));
      setAnswer({ ...a, rebuilt, label });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="sim-card" data-testid="whatif">
        <strong>Variant of {base.name} (the graph as it ran)</strong>
        <div className="sim-controls">
          <label>
            Rollout stage
            <select
              value={v.rollout}
              onChange={(e) => update({ rollout: e.target.value as Rollout })}
              data-testid="whatif-rollout"
            >
              {ROLLOUTS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        </div>
        <h4>Branch tiers</h4>
        <table className="sim-table sim-wrap">
          <tbody>
            {flat.transitions.map((t) => {
              const marked: Tier = t.tier ?? flat.states.get(t.source)?.config.meta?.tier ?? 'human';
              return (
                <tr key={t.id}>
                  <td>
                    {t.source} → {t.targets[0] ?? '?'}
                    {t.event ? <span className="sim-muted"> on {t.event}</span> : null}
                  </td>
                  <td>
                    <select
                      aria-label={`tier of ${t.id}`}
                      data-testid={`whatif-tier-${t.id}`}
                      value={v.tiers[t.id] ?? marked}
                      onChange={(e) => {
                        const tiers = { ...v.tiers };
                        if (e.target.value === marked) delete tiers[t.id];
                        else tiers[t.id] = e.target.value as Tier;
                        update({ tiers });
                      }}
                    >
                      {TIERS.map((x) => (
                        <option key={x} value={x}>
                          {x}
                          {x === marked ? ' (as marked)' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h4>Guardrails</h4>
        {guardrails.length === 0 && <div className="sim-muted">The graph has no guardrails.</div>}
        {guardrails.map((g) => (
          <label key={g.ref} className="sim-row">
            <span>
              <input
                type="checkbox"
                checked={!v.disabledGuardrails.includes(g.ref)}
                onChange={(e) =>
                  update({
                    disabledGuardrails: e.target.checked
                      ? v.disabledGuardrails.filter((r) => r !== g.ref)
                      : [...v.disabledGuardrails, g.ref],
                  })
                }
              />{' '}
              {g.owner}: <code>{g.when}</code> → {g.downgradeTo}
            </span>
          </label>
        ))}
        <div className="sim-controls">
          <label>
            Add a guardrail on
            <select
              value={v.added?.state ?? ''}
              onChange={(e) =>
                update({
                  added: e.target.value
                    ? { state: e.target.value, when: v.added?.when ?? '', downgradeTo: v.added?.downgradeTo ?? 'human' }
                    : null,
                })
              }
            >
              <option value="">—</option>
              {flat.stateOrder.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          {v.added && (
            <>
              <div className="sim-when">
                <span>when (CEL)</span>
                <CelEditor
                  value={v.added.when}
                  onChange={(when) => update({ added: { ...v.added!, when } })}
                  schema={base.caseSchema ?? {}}
                  label="condition of the new guardrail"
                  placeholder={guardrailPlaceholder(base.caseSchema ?? {})}
                  allowEmpty={false}
                  maxLines={3}
                  testId="whatif-guard-when"
                />
              </div>
              <label>
                down to
                <select
                  value={v.added.downgradeTo}
                  onChange={(e) =>
                    update({ added: { ...v.added!, downgradeTo: e.target.value as 'suggest' | 'human' } })
                  }
                >
                  <option value="human">human</option>
                  <option value="suggest">suggest</option>
                </select>
              </label>
            </>
          )}
        </div>
        {listed.length > 0 && (
          <ul className="sim-error sim-problems" data-testid="whatif-problems">
            {listed.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        )}
        <div className="sim-row">
          <button
            type="button"
            onClick={() => {
              setVariant(null);
              setAnswer(null);
              setApplied(null);
            }}
          >
            Reset
          </button>
          <span className="sim-row">
            <button
              type="button"
              onClick={apply}
              disabled={applyBlocked !== null}
              title={applyBlocked ?? 'Write this variant into the graph (one undoable edit)'}
              data-testid="whatif-apply"
            >
              Apply to graph
            </button>
            <button
              type="button"
              className="sim-primary"
              onClick={() => void compare()}
              disabled={busy || blocked !== null}
              title={blocked ?? undefined}
              data-testid="whatif-compare"
            >
              {busy ? 'Scoring…' : 'Compare with baseline'}
            </button>
          </span>
        </div>
        {blocked && (
          <div className="sim-muted" data-testid="whatif-blocked">
            {blocked}
          </div>
        )}
        {applied && (
          <div className="sim-muted" data-testid="whatif-applied">
            Applied to the graph: {applied}. Undo reverts it in one step; run again to see its figures.
          </div>
        )}
        {error && <div className="sim-error">{error}</div>}
      </div>
      {answer && answerView && (
        <label className="sim-row">
          <span>
            <input
              type="checkbox"
              checked={onCanvas}
              onChange={(e) => setCanvasVariant(e.target.checked ? { label: answer.label, view: answerView } : null)}
              data-testid="whatif-on-canvas"
            />{' '}
            Paint the variant on the canvas
          </span>
        </label>
      )}
      {answer && answerView && (
        <CompareTable
          baseline={active.view}
          variant={answerView}
          baselineLabel={`baseline (${active.rollout})`}
          variantLabel={answer.label}
          note={`${answer.rebuilt ? 'facts rebuilt from the stored chunks, then ' : ''}${answer.method === 'rescored' ? 're-scored from kept facts' : 're-replayed from stored chunks'} in ${answer.ms.toFixed(0)} ms`}
        />
      )}
    </>
  );
}
