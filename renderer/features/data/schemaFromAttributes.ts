/**
 * "Add to case schema" from the dataset page: chosen attributes become case-schema fields with the
 * inferred type, the source left for the author to fill (where the live value comes from is not in
 * the log), and a description naming the attribute. One GraphDoc → GraphDoc recipe, so the store
 * records it as ONE undoable edit however many fields it adds.
 */
import type { CaseField, GraphDoc } from '../../../shared/model/types';
import type { AttributeInfo } from './attributeProfile';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** A case-schema name for an attribute key: letters, digits, `_ . -`, starting with a letter or `_`. */
export function fieldName(attribute: string): string {
  let s = attribute.replace(/[^\w.-]+/g, '_');
  if (s === '' || !/^[A-Za-z_]/.test(s)) s = `_${s}`;
  return RESERVED.has(s) ? `${s}_field` : s;
}

/** The field an attribute would become, or why it cannot be added. */
export function schemaStanding(doc: GraphDoc, a: AttributeInfo): { name: string; taken: boolean } {
  const name = fieldName(a.name);
  return { name, taken: Object.prototype.hasOwnProperty.call(doc.caseSchema, name) };
}

export function addAttributesToSchema(
  doc: GraphDoc,
  attributes: readonly AttributeInfo[],
  datasetName: string,
): GraphDoc {
  const schema: Record<string, CaseField> = { ...doc.caseSchema };
  let added = 0;
  for (const a of attributes) {
    const name = fieldName(a.name);
    if (Object.prototype.hasOwnProperty.call(schema, name)) continue;
    Object.defineProperty(schema, name, {
      value: {
        type: a.type,
        description: `${a.scope} attribute “${a.name}” of dataset “${datasetName}”`,
      } satisfies CaseField,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    added++;
  }
  return added === 0 ? doc : { ...doc, caseSchema: schema };
}
