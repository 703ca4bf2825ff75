/** Public API of graph validation. */
export { validateGraph } from './validate';
export { RULES } from './rules';
