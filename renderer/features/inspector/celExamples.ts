/**
 * Example conditions for the CEL editors' placeholders, written over the open graph's own case
 * schema: a graph without `fraudScore` must not be told to write `fraudScore > 0.5`. The first
 * field whose type has a natural comparison is used; a graph with none gets no field name at all.
 */
import type { CaseField } from '../../../shared/model/types';

/** CEL identifiers only: a field name that CEL cannot reference bare is no example. */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function exampleFor(name: string, field: CaseField, kind: 'condition' | 'limit'): string | null {
  switch (field.type) {
    case 'number':
      return kind === 'limit' ? `${name} <= 500.0` : `${name} > 100.0`;
    case 'int':
      return kind === 'limit' ? `${name} <= 10` : `${name} > 3`;
    case 'bool':
      return kind === 'limit' ? name : `!${name}`;
    case 'string': {
      const first = field.enum?.[0];
      return first !== undefined ? `${name} == ${JSON.stringify(first)}` : `${name} != ""`;
    }
    default:
      return null;
  }
}

/**
 * An example expression over `schema` (a guardrail condition, or a tool limit that must hold for
 * the agent to act), or null when the schema has no field an example can use.
 */
export function exampleExpression(schema: Record<string, CaseField>, kind: 'condition' | 'limit'): string | null {
  for (const [name, field] of Object.entries(schema)) {
    if (!IDENT.test(name)) continue;
    const example = exampleFor(name, field, kind);
    if (example) return example;
  }
  return null;
}

/** Placeholder of a guardrail's condition editor. */
export function guardrailPlaceholder(schema: Record<string, CaseField>): string {
  const e = exampleExpression(schema, 'condition');
  return e ? `e.g. ${e}` : 'A condition over the case (declare fields in Case schema)';
}

/** Placeholder of a tool's limit editor (empty = no limit). */
export function limitPlaceholder(schema: Record<string, CaseField>): string {
  const e = exampleExpression(schema, 'limit');
  return e ? `No limit, e.g. ${e}` : 'No limit';
}
