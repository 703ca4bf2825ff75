/** Agent policies (DESIGN.md, "Agent policies"): rules, recorded, learned, model, side by side. */
export type { AgentPolicy, AnyPolicy, BranchView, Decision, RulesPolicy, StepView, TrainingStep } from './types';
export { compareAgents, RULES, splitByTime } from './compare';
export type { AgentComparison, BranchEvidence, CompareOptions, CoveragePoint, PolicyReport } from './compare';
export { decideRecorded, recordedPolicy } from './recorded';
export { shadowAuditPolicy, shadowProposals } from './shadowAudit';
export type { ShadowProposals } from './shadowAudit';
export { learnedPolicy, learnedPolicyFromModel, MAX_TRAINING_STEPS } from './learned';
export type { LearnedModelJSON, LearnedPolicy } from './learned';
export { modelPolicy, printableUrl } from './model';
export type { ModelOptions, ModelStats, ResponseStore } from './model';
