/**
 * Pure parts of the code view's two-way sync: the smallest text replacement that turns the
 * editor's text into the document's (so cursors and scroll outside the change stay put), and
 * reading edited text back into a document without ever losing the last good one.
 */
import { parseGraphDocument, type DocumentError } from '../../../shared/model/parse';
import type { GraphDoc } from '../../../shared/model/types';

/** Replace `oldText[start, end)` with `text` to obtain the new text. */
export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

/** The smallest single replacement from `before` to `after` (null when equal). */
export function minimalReplacement(before: string, after: string): TextReplacement | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let head = 0;
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
}

/** Apply a replacement (for tests and for keeping a draft in step). */
export function applyReplacement(text: string, r: TextReplacement | null): string {
  return r ? text.slice(0, r.start) + r.text + text.slice(r.end) : text;
}

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
