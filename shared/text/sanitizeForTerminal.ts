/**
 * Text from input (CSV headers, case ids, activity names, attribute values) made safe to print
 * on a terminal or in a log line: control characters (C0, DEL, C1 — ESC starts the sequences
 * that move the cursor or clear the screen), bidirectional overrides (they reorder what a reader
 * sees) and lone surrogates become visible `\u{…}` escapes; everything else is unchanged. Long
 * texts are cut (`max` characters, then "…") so one hostile value cannot flood a message.
 */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function sanitizeForTerminal(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const safe = cut
    .replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t');
  return cut === text ? safe : safe + '…';
}
