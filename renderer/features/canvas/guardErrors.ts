/** Which branches' guards fail to compile, from the validator's diagnostics (drawn as errors on the canvas). */
import type { Diagnostic } from '../../../shared/validation/types';

/** The first CEL error per branch (what its guard's label shows), by transition id. */
export function guardErrors(list: readonly Diagnostic[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of list) {
    if ((d.code === 'cel-syntax' || d.code === 'cel-type') && d.transitionId !== undefined && !out.has(d.transitionId))
      out.set(d.transitionId, d.message);
  }
  return out;
}
