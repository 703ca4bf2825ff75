/**
 * The smallest text replacement that turns an editor's text into the document's, so cursors and
 * scroll outside the change stay put (the code view and the CEL editors both apply it).
 */

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
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail))
    tail++;
  return { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
}

/** Apply a replacement (for tests and for keeping a draft in step). */
export function applyReplacement(text: string, r: TextReplacement | null): string {
  return r ? text.slice(0, r.start) + r.text + text.slice(r.end) : text;
}
