/** Layout edits: canvas positions and group sizes live in `doc.layout` (no meaning, but saved). */
import type { GraphDoc, LayoutEntry } from '../types';

/** Merge position/size entries for several states at once (a multi-drag is one edit). */
export function setLayout(doc: GraphDoc, entries: Record<string, Partial<LayoutEntry>>): GraphDoc {
  let changed = false;
  const layout = { ...doc.layout };
  for (const [key, patch] of Object.entries(entries)) {
    const prev = layout[key];
    const merged = { x: 0, y: 0, ...prev, ...patch } as LayoutEntry;
    if (prev && Object.keys(merged).every((k) => merged[k] === prev[k])) continue;
    layout[key] = merged;
    changed = true;
  }
  return changed ? { ...doc, layout } : doc;
}

/** Replace the whole layout (auto-layout result). */
export function replaceLayout(doc: GraphDoc, layout: Record<string, LayoutEntry>): GraphDoc {
  return { ...doc, layout };
}
