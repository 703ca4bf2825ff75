/**
 * Live diagnostics for the open document: validateGraph runs ~200 ms after the last edit, once
 * per document identity (shared by every caller: the panel and the status bar counts).
 */
import { useEffect, useState } from 'react';
import type { GraphDoc } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/validation/types';
import { validateGraph } from '../../../shared/validation/validate';
import { useEditor } from '../../app/store';

export type { Diagnostic };

const VALIDATE_DEBOUNCE_MS = 200;
/** Top-level states above which validation also waits for the browser to be idle (see useSettledDoc). */
const IDLE_VALIDATE_STATES = 300;

const cache = new WeakMap<GraphDoc, Diagnostic[]>();

/** Diagnostics of one document, computed once per document object. */
function diagnosticsOf(doc: GraphDoc): Diagnostic[] {
  let hit = cache.get(doc);
  if (!hit) {
    const start = performance.now();
    try {
      hit = validateGraph(doc);
    } catch (e) {
      // the validator must not take the editor down with it; say so in the panel instead
      hit = [{ code: 'validator-crashed', severity: 'error', message: String((e as Error)?.message ?? e), path: [] }];
    }
    cache.set(doc, hit);
    performance.measure('sop-validate', { start });
  }
  return hit;
}

/** The document, trailing the store's by `ms` while edits keep coming. */
function useSettledDoc(ms: number): GraphDoc {
  const doc = useEditor((s) => s.doc);
  const [settled, setSettled] = useState(doc);
  useEffect(() => {
    if (doc === settled) return;
    // already validated (undo back to a known document, another caller got there first): no wait
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a cached document needs no debounce; the uncached path sets it from the timer
    if (cache.has(doc)) return setSettled(doc);
    // a large graph's validation takes ~0.4-1.5 s of main thread (1,000 states, 2,997 branches):
    // after the canvas has drawn it (idle), not in the way of its first frames
    const large =
      Object.keys(doc.machine.states ?? {}).length > IDLE_VALIDATE_STATES && typeof requestIdleCallback === 'function';
    let idle = 0;
    const timer = setTimeout(() => {
      if (large) idle = requestIdleCallback(() => setSettled(doc), { timeout: 1500 });
      else setSettled(doc);
    }, ms);
    return () => {
      clearTimeout(timer);
      if (idle) cancelIdleCallback(idle);
    };
  }, [doc, settled, ms]);
  return settled;
}

/** Diagnostics for the current document (status bar counts, validation panel). */
export function useDiagnostics(): Diagnostic[] {
  return diagnosticsOf(useSettledDoc(VALIDATE_DEBOUNCE_MS));
}

/** Counts by severity, for the status bar. */
export function countBySeverity(list: readonly Diagnostic[]): Record<Diagnostic['severity'], number> {
  const out = { error: 0, warning: 0, info: 0 };
  for (const d of list) out[d.severity]++;
  return out;
}
