/**
 * The open graph's content hash, and the active run's standing against it (current, out of date,
 * unknown version). The hash is async (crypto.subtle), so it is memoised per document object —
 * documents are immutable, an edit makes a new one — and every panel asking shares one digest.
 */
import { useEffect, useMemo, useState } from 'react';
import { contentHash } from '../../../shared/export/contentHash';
import type { GraphDoc } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { runStanding, type RunStanding } from './runIdentity';
import { useSim } from './simStore';

const hashes = new WeakMap<GraphDoc, Promise<string>>();

/** Content hash of a document, computed once per document object. */
function hashOf(doc: GraphDoc): Promise<string> {
  let h = hashes.get(doc);
  if (!h) hashes.set(doc, (h = contentHash(doc)));
  return h;
}

/** The open document's content hash; null while it is being computed after an edit. */
export function useDocHash(doc: GraphDoc): string | null {
  const [known, setKnown] = useState<{ doc: GraphDoc; hash: string } | null>(null);
  useEffect(() => {
    let live = true;
    void hashOf(doc).then((hash) => live && setKnown({ doc, hash }));
    return () => {
      live = false;
    };
  }, [doc]);
  // a hash of the previous document must never vouch for the current one
  return known && known.doc === doc ? known.hash : null;
}

/**
 * The active run's standing against the open graph (null: no active run). While a new document's
 * hash is computed (a few ms after each edit or drag) the last answer for the same run stands,
 * so the notice does not flicker; the first answer for a run is 'checking'.
 */
export function useRunStanding(): RunStanding | null {
  const active = useSim((s) => s.active);
  const doc = useEditor((s) => s.doc);
  const hash = useDocHash(doc);
  // the last settled standing of this run, shown while a new hash is being computed (state, not a ref read in
  // render: adjusted during render the React way)
  const [last, setLast] = useState<{ runId: string; standing: RunStanding } | null>(null);
  const now = useMemo(() => (active ? runStanding(active, hash, doc) : null), [active, hash, doc]);
  if (active && now && now.kind !== 'checking' && (last?.runId !== active.runId || last.standing !== now))
    setLast({ runId: active.runId, standing: now });
  if (!active || !now) return null;
  if (now.kind === 'checking' && last?.runId === active.runId) return last.standing;
  return now;
}

/** True when the active run's figures do not describe the open graph (out of date or unknown). */
export function isOutOfDate(s: RunStanding | null): boolean {
  return s !== null && (s.kind === 'stale' || s.kind === 'unknown');
}
