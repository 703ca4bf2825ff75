/**
 * hostile-structure: reserved names (`__proto__`, `constructor`, `prototype`) as state, event,
 * field, agent, tool or layout keys, compound nesting deeper than MAX_STATE_DEPTH, or more than
 * MAX_STATES states. validateGraph runs it before every other rule and stops when it reports,
 * because the other rules walk the machine recursively and key dictionaries by these names.
 */
import { hostileShapeProblems } from '../../model/hostileShape';
import type { Diagnostic, Rule } from '../types';

export const hostileStructure: Rule & { checkDocument(doc: unknown): Diagnostic[] } = {
  code: 'hostile-structure',
  summary: 'no reserved names (__proto__, constructor, prototype) as keys, compound nesting at most 64 levels',
  checkDocument(doc) {
    return hostileShapeProblems(doc).map((p) => ({
      code: 'hostile-structure',
      severity: 'error' as const,
      message: p.message,
      path: p.path,
    }));
  },
  check(ctx) {
    return this.checkDocument(ctx.doc);
  },
};
