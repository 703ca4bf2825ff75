/**
 * Values from tool handlers and callers go on the audit record; they must serialise. Anything
 * that does not (cycles, functions, class instances with getters that throw) is recorded as a
 * description instead, so a hostile or buggy handler cannot make the runner lose a record.
 */
import { canonicalJson } from './canonicalJson';

export function jsonSafe(value: unknown): unknown {
  // undefined needs no case of its own: canonicalJson(undefined) is 'null'
  try {
    return JSON.parse(canonicalJson(value));
  } catch (e) {
    return { unserializable: messageOf(e) };
  }
}

/** A one-line message for anything thrown (Errors, strings, undefined, objects). */
export function messageOf(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0]!.slice(0, 500);
    if (typeof e === 'string') return e.slice(0, 500);
    return `thrown: ${String(e)}`.slice(0, 500);
  } catch {
    return 'thrown: (a value that cannot be described)';
  }
}
