/**
 * Turns replay figures into a canvas overlay: per state visits and agreement (tone by how often
 * people disagreed with the agent), per branch traffic as edge width and override / auto-error
 * rate as colour, guardrail trips and deviations marked. Pure, so the rules are unit-tested.
 */
import type { CanvasOverlay, OverlayMark, OverlayTone } from '../../app/overlay';
import type { FlatGraph } from '../../../shared/model/flatten';
import type { ResultView, StateFigures, TransitionFigures } from './resultView';
import { fmtPct } from '../data/format';

/** Rate bands shared by nodes, edges and the legend. */
const BANDS = { good: 0.05, bad: 0.2 } as const;

export function toneOfRate(rate: number | null): OverlayTone {
  if (rate === null) return 'neutral';
  return rate < BANDS.good ? 'good' : rate < BANDS.bad ? 'warn' : 'bad';
}

/** The rate that matters for a branch: auto-error rate where it ran on auto, else override rate. */
function branchRate(t: TransitionFigures): { rate: number | null; kind: 'auto error' | 'override' | null } {
  if (t.autoSteps > 0) return { rate: t.autoErrorRate.rate, kind: 'auto error' };
  if (t.suggestSteps > 0) return { rate: t.overrideRate.rate, kind: 'override' };
  return { rate: null, kind: null };
}

/** A state's tone: the worse of its auto-error and override rates; human-only states by agreement. */
function stateTone(s: StateFigures): OverlayTone {
  if (s.visits === 0) return s.deviations > 0 ? 'warn' : 'neutral';
  const rates = [s.autoSteps > 0 ? s.autoErrorRate.rate : null, s.suggestSteps > 0 ? s.overrideRate.rate : null].filter(
    (r): r is number => r !== null,
  );
  if (rates.length === 0) return 'neutral';
  return toneOfRate(Math.max(...rates));
}

function stateDetail(s: StateFigures): string {
  const parts: string[] = [];
  if (s.suggestSteps > 0) parts.push(`override ${fmtPct(s.overrideRate.rate)} (${s.overrides}/${s.suggestSteps})`);
  if (s.autoSteps > 0) parts.push(`auto errors ${fmtPct(s.autoErrorRate.rate)} (${s.autoErrors}/${s.autoSteps})`);
  if (s.abstentions > 0) parts.push(`abstained ${s.abstentions}`);
  if (s.guardrailTrips > 0) parts.push(`guardrail trips ${s.guardrailTrips}`);
  if (s.deviations > 0) parts.push(`deviations ${s.deviations}`);
  return parts.join(' · ');
}

export interface OverlayOptions {
  title?: string;
  highlight?: CanvasOverlay['highlight'];
}

export function buildRunOverlay(graph: FlatGraph, view: ResultView, opts: OverlayOptions = {}): CanvasOverlay {
  // cases that ended in each final state: people's choices of the branches entering it
  const ended = new Map<string, number>();
  for (const t of graph.transitions) {
    const target = t.targets[0];
    if (target && graph.states.get(target)?.type === 'final')
      ended.set(target, (ended.get(target) ?? 0) + (view.perTransition[t.id]?.humanChoices ?? 0));
  }
  const states: CanvasOverlay['states'] = {};
  for (const key of graph.stateOrder) {
    const s = view.perState[key];
    if (!s) continue;
    if (graph.states.get(key)?.type === 'final') {
      const n = ended.get(key) ?? 0;
      states[key] = { label: n > 0 ? `${n} cases ended` : 'not reached', tone: 'neutral' };
      continue;
    }
    const marks: OverlayMark[] = [];
    if (s.deviations > 0) marks.push('deviation');
    if (s.guardrailTrips > 0) marks.push('guardrail');
    states[key] = {
      label:
        s.visits > 0
          ? `${s.visits} visits · ${fmtPct(s.agreement.rate, 0)} agree`
          : s.deviations > 0
            ? `${s.deviations} deviated`
            : 'not reached',
      tone: stateTone(s),
      detail: stateDetail(s) || undefined,
      marks: marks.length ? marks : undefined,
    };
  }
  let busiest = 0;
  for (const t of graph.transitions) busiest = Math.max(busiest, view.perTransition[t.id]?.humanChoices ?? 0);
  const transitions: CanvasOverlay['transitions'] = {};
  for (const t of graph.transitions) {
    const f = view.perTransition[t.id];
    if (!f) continue;
    const { rate, kind } = branchRate(f);
    transitions[t.id] = {
      width: busiest > 0 ? f.humanChoices / busiest : 0,
      tone: toneOfRate(rate),
      label: kind ? `${f.humanChoices} · ${kind} ${fmtPct(rate, 0)}` : `${f.humanChoices}`,
    };
  }
  return {
    title: opts.title,
    states,
    transitions,
    highlight: opts.highlight,
    legend: [
      { tone: 'good', label: `override / auto-error < ${BANDS.good * 100}%` },
      { tone: 'warn', label: `${BANDS.good * 100}–${BANDS.bad * 100}%` },
      { tone: 'bad', label: `≥ ${BANDS.bad * 100}%` },
      { tone: 'neutral', label: 'human only / no traffic · width = traffic' },
    ],
  };
}
