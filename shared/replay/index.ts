/**
 * The replay simulator (DESIGN.md, "Replay" and "Effective tier"): compile a graph once, replay
 * recorded cases through it, aggregate, recommend tiers, and re-score what-if variants.
 */
export { compileGraph } from './compile';
export { replayCase } from './replayCase';
export { simulate } from './aggregate';
export type { SimulationResult } from './result';
