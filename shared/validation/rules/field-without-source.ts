/**
 * field-without-source (readiness): a caseSchema field read by a guard, limit or guardrail that
 * does not say which system it comes from. Reported once per field, at the field.
 */
import type { Diagnostic, Rule } from '../types';

export const fieldWithoutSource: Rule = {
  code: 'field-without-source',
  summary: 'fields read by expressions declare their source',
  check(ctx) {
    const schema = ctx.cel.schema;
    const readers = new Map<string, string>();
    for (const site of ctx.celSites) {
      if (typeof site.expr !== 'string') continue;
      const compiled = ctx.compile(site.expr);
      if (!compiled.ok) continue;
      for (const path of compiled.compiled.fieldPaths) {
        const field = fieldFor(schema, path);
        if (field && !readers.has(field)) readers.set(field, site.label);
      }
    }
    const out: Diagnostic[] = [];
    for (const [field, reader] of readers) {
      const source = (schema[field] as { source?: unknown } | undefined)?.source;
      if (typeof source === 'string' && source.trim()) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Field "${field}" is read by the ${reader} but declares no "source" (its system of record)`,
        path: ['caseSchema', field],
      });
    }
    return out;
  },
};

/** The caseSchema key that declares a read path: the path itself, else its longest declared prefix. */
function fieldFor(schema: Record<string, unknown>, path: string): string | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (Object.hasOwn(schema, key)) return key;
  }
  return null;
}
