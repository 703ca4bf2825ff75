/** Agent policies (DESIGN.md, "Agent policies"): rules, recorded, learned, model, side by side. */
export type { AgentPolicy, AnyPolicy, Decision, StepView, TrainingStep } from './types';
export { compareAgents, RULES, splitByTime } from './compare';
export type { AgentComparison, CoveragePoint, PolicyReport } from './compare';
export { recordedPolicy } from './recorded';
export { shadowAuditPolicy, shadowProposals } from './shadowAudit';
export { learnedPolicy, learnedPolicyFromModel } from './learned';
export type { LearnedPolicy } from './learned';
export { modelPolicy, printableUrl } from './model';
export type { ModelStats, ResponseStore } from './model';
