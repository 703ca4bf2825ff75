/**
 * The replay simulator (DESIGN.md, "Replay" and "Effective tier"): compile a graph once, replay
 * recorded cases through it, aggregate, recommend tiers, and re-score what-if variants.
 */
export { compileGraph } from './compile';
export type { CompiledGraph, CompiledState, CompiledTransition, CompiledExpr, CompiledGuardrail, CompiledLimit } from './compile';
export { replayCase, outcomeOf } from './replayCase';
export type { StepFact, StepOutcome, CaseTrace } from './replayCase';
export { simulate, ReplayAccumulator } from './aggregate';
export type { SimulateOptions, SimulationRun } from './aggregate';
export type { SimulationResult, Totals, StepCounts, StateReport, StateRates, TransitionReport, Recommendation } from './result';
export { wilson, ratio, Z95 } from './wilson';
export type { RateInterval } from './wilson';
export { recommend, DEFAULT_POLICY } from './recommend';
export type { RecommendPolicy } from './recommend';
export { whatIf, applyVariant } from './whatIf';
export type { Variant } from './whatIf';
export { checkVariant, VariantError } from './checkVariant';
export type { VariantDiagnostic } from './checkVariant';
export { FactStore } from './factStore';
export type { FactData } from './factStore';
export { MAX_STEPS_PER_CASE, monthIndex, monthLabel, caseTiming } from './walk';
export type { CaseEnd, CaseTiming } from './walk';
export { NO_START_REASON } from './accumulator';
