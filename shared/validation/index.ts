/** Public API of graph validation. */
export { validateGraph, sortDiagnostics } from './validate';
export { RULES } from './rules';
export type { Diagnostic, Rule, Severity } from './types';
