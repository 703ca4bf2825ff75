/**
 * Pure parts of the code view's two-way sync: reading edited text back into a document without
 * ever losing the last good one (the smallest text replacement is ../../monaco/textReplacement).
 */
import { parseGraphDocument, type DocumentError } from '../../../shared/model/parse';
import type { GraphDoc } from '../../../shared/model/types';

export type ReadResult = { ok: true; doc: GraphDoc } | { ok: false; problems: string[] };

/** One line per problem: "line 3, column 5: …" for JSON syntax, "machine.states.a.meta.tier: …" for schema. */
function describeProblem(e: DocumentError): string {
  if (e.line !== undefined) return e.message;
  return e.path.length ? `${e.path.join('.')}: ${e.message}` : e.message;
}

/** Read edited text into a document: JSON syntax and the graph schema must both hold. */
export function readEditedText(text: string): ReadResult {
  const r = parseGraphDocument(text);
  return r.ok ? { ok: true, doc: r.doc } : { ok: false, problems: r.errors.map(describeProblem) };
}
