/**
 * invalid-document: the document does not match the graph schema (wrong types, missing fields,
 * unknown enum values, a cel guard without an expression). Tier values are left to invalid-tier,
 * which says more about them.
 */
import { checkGraphDocument } from '../../model/parse';
import type { Diagnostic, Rule } from '../types';

// (a shorter path has undefined there: no length test needed)
const isTierPath = (path: Array<string | number>): boolean =>
  path[path.length - 1] === 'tier' && path[path.length - 2] === 'meta';

export const invalidDocument: Rule & { checkDocument(doc: unknown): Diagnostic[] } = {
  code: 'invalid-document',
  summary: 'the document matches the graph schema',
  checkDocument(doc) {
    return checkGraphDocument(doc)
      .filter((e) => !isTierPath(e.path))
      .map((e) => ({ code: 'invalid-document', severity: 'error' as const, message: e.message, path: e.path }));
  },
  check(ctx) {
    return this.checkDocument(ctx.doc);
  },
};
