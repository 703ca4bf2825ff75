/**
 * Text from input (case ids, tool names, torn log bytes) echoed to a terminal: C0/C1 control
 * characters (ESC sequences can clear the screen or rewrite earlier lines), DEL and the bidi
 * overrides are shown as \u{…} escapes instead of being interpreted.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
