/**
 * Live evidence per state and branch from the service's figures over a window: override rate
 * (overridden / decided suggestions), auto-error rate (automatic actions later undone / automatic
 * steps) and guardrail-trip rate (steps a guardrail, limit or switch lowered / all steps), each
 * with its 95% Wilson interval (shared/replay/wilson, as the simulator reports).
 */
import { wilson, type RateInterval } from '../../../shared/replay/wilson';
import type { BranchFigures } from './types';

export interface StateEvidence {
  state: string;
  /** Automatic steps per branch target. */
  autoByTarget: Array<{ target: string; auto: number }>;
  auto: number;
  autoErrors: number;
  autoErrorRate: RateInterval | null;
  suggested: number;
  decided: number;
  overridden: number;
  overrideRate: RateInterval | null;
  steps: number;
  guardrailTrips: number;
  tripRate: RateInterval | null;
}

export function buildEvidence(figures: BranchFigures[]): StateEvidence[] {
  const by = new Map<
    string,
    {
      autoByTarget: Map<string, number>;
      auto: number;
      autoErrors: number;
      suggested: number;
      approved: number;
      overridden: number;
      handedOff: number;
      trips: number;
    }
  >();
  for (const f of figures) {
    const s = by.get(f.state) ?? {
      autoByTarget: new Map(),
      auto: 0,
      autoErrors: 0,
      suggested: 0,
      approved: 0,
      overridden: 0,
      handedOff: 0,
      trips: 0,
    };
    if (f.target !== null && f.auto) s.autoByTarget.set(f.target, (s.autoByTarget.get(f.target) ?? 0) + f.auto);
    s.auto += f.auto;
    s.autoErrors += f.autoErrors;
    s.suggested += f.suggested;
    s.approved += f.approved;
    s.overridden += f.overridden;
    s.handedOff += f.handedOff;
    s.trips += f.guardrailTrips;
    by.set(f.state, s);
  }
  return [...by.entries()]
    .map(([state, s]) => {
      const decided = s.approved + s.overridden;
      const steps = s.auto + s.suggested + s.handedOff;
      return {
        state,
        autoByTarget: [...s.autoByTarget].map(([target, auto]) => ({ target, auto })),
        auto: s.auto,
        autoErrors: s.autoErrors,
        autoErrorRate: wilson(Math.min(s.autoErrors, s.auto), s.auto),
        suggested: s.suggested,
        decided,
        overridden: s.overridden,
        overrideRate: wilson(s.overridden, decided),
        steps,
        guardrailTrips: s.trips,
        tripRate: wilson(s.trips, steps),
      };
    })
    .sort((a, b) => a.state.localeCompare(b.state));
}

/** "12.5% [3.5–36.0%]", or "–" without evidence. */
export function fmtInterval(r: RateInterval | null): string {
  if (!r) return '–';
  const p = (x: number) => (x * 100).toFixed(1);
  return `${p(r.rate)}% [${p(r.low)}–${p(r.high)}%]`;
}
