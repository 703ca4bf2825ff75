/**
 * Which graph a run belongs to and whether its figures still describe the open graph (DESIGN "A
 * run belongs to one graph version"). Pure, so the rules are unit-tested without a browser:
 * a run is shown only with its own project, and is current only while the open graph has the
 * content hash the run recorded; otherwise every figure from it is out of date, and the diff
 * against the run's frozen graph says what changed.
 */
import { describeTransitionKey, diffGraphs, type GraphDiff } from '../../../shared/model/diff';
import type { GraphDoc } from '../../../shared/model/types';

/** How a run's figures stand against the open graph. */
export type RunStanding =
  /** the open graph's hash is still being computed (a moment after an edit) */
  | { kind: 'checking' }
  | { kind: 'current' }
  /** the graph changed since the run; `changes` in words, from the diff against the run's graph */
  | { kind: 'stale'; changes: string[] }
  /** stored before runs recorded their graph's hash: its version cannot be known */
  | { kind: 'unknown' };

/** The run facts these rules read (a stored RunRow or the active run). */
export interface RunOwner {
  projectId: string | null;
  graphHash: string | null;
}

/**
 * A run is shown with the graph it replayed: its own project (current or, after edits, out of
 * date), or any project whose graph is the very same version (same content hash — the same
 * .sop.json opened again). A run of another graph is never shown. `openHash` null: not known yet.
 */
export function runBelongsTo(run: RunOwner, openProjectId: string | null, openHash: string | null): boolean {
  if (run.projectId === openProjectId) return true;
  return run.graphHash !== null && openHash !== null && run.graphHash === openHash;
}

/** The short form of a content hash shown beside a run: 8 hex digits ("#1a2b3c4d"). */
export function shortHash(hash: string | null): string {
  if (!hash) return 'unknown version';
  const hex = hash.startsWith('sha256:') ? hash.slice('sha256:'.length) : hash;
  return `#${hex.slice(0, 8)}`;
}

const MAX_LISTED = 6;

/** Branch identity key → words ("triage → refund on APPROVE"). */
const branch = (key: string) => describeTransitionKey(key);

/** What changed between two graph versions, in the words of a notice (one entry per change). */
function describeChanges(d: GraphDiff): string[] {
  const out: string[] = [];
  for (const k of d.states.added) out.push(`state ${k} added`);
  for (const k of d.states.removed) out.push(`state ${k} removed`);
  for (const s of d.states.changed) out.push(`state ${s.key} changed (${s.fields.join(', ')})`);
  for (const k of d.transitions.added) out.push(`branch ${branch(k)} added`);
  for (const k of d.transitions.removed) out.push(`branch ${branch(k)} removed`);
  for (const c of d.transitions.changed) {
    const what: string[] = [];
    if (c.tierChanged) what.push(`tier ${c.tierChanged.from ?? 'inherited'} → ${c.tierChanged.to ?? 'inherited'}`);
    if (c.guardChanged) what.push(c.guardChanged.to === null ? 'guard removed' : `guard ${c.guardChanged.to}`);
    if (c.targetChanged) what.push('target changed');
    if (c.otherChanged) what.push(...c.otherChanged);
    out.push(`branch ${branch(c.id)}: ${what.join(', ')}`);
  }
  const m = d.meta;
  if (m.rolloutChanged) out.push(`rollout ${m.rolloutChanged.from} → ${m.rolloutChanged.to}`);
  if (m.nameChanged) out.push(`renamed to ${m.nameChanged.to}`);
  if (m.toolsChanged.length) out.push(`tools changed: ${m.toolsChanged.join(', ')}`);
  if (m.agentsChanged.length) out.push(`agents changed: ${m.agentsChanged.join(', ')}`);
  if (m.caseSchemaChanged.length) out.push(`case fields changed: ${m.caseSchemaChanged.join(', ')}`);
  return out;
}

/**
 * The standing of a run against the open graph. `openHash` null: not computed yet. The frozen
 * graph is read defensively: a stored snapshot that cannot be diffed still makes the run stale,
 * only without the list of changes.
 */
export function runStanding(
  run: RunOwner & { graph: unknown },
  openHash: string | null,
  openDoc: GraphDoc,
): RunStanding {
  if (run.graphHash === null) return { kind: 'unknown' };
  if (openHash === null) return { kind: 'checking' };
  if (run.graphHash === openHash) return { kind: 'current' };
  let changes: string[] = [];
  try {
    changes = describeChanges(diffGraphs(run.graph as GraphDoc, openDoc));
  } catch {
    changes = [];
  }
  return { kind: 'stale', changes };
}

/** The out-of-date notice for a standing, or null when the figures are current (or being checked). */
export function staleNotice(s: RunStanding): { headline: string; details: string[]; more: number } | null {
  if (s.kind === 'unknown')
    return {
      headline: 'These results were stored before runs recorded their graph version: treat them as out of date.',
      details: [],
      more: 0,
    };
  if (s.kind !== 'stale') return null;
  const n = s.changes.length;
  const headline =
    n === 0
      ? 'These results are from an earlier version of this graph.'
      : `These results are from an earlier version of this graph — ${n} change${n === 1 ? '' : 's'} since:`;
  return { headline, details: s.changes.slice(0, MAX_LISTED), more: Math.max(0, n - MAX_LISTED) };
}

/** How a run is named in lists and on the canvas: graph, version hash and when it ran. */
export function runLabel(run: { graphName: string; graphHash: string | null; createdAt: number }): string {
  const at = new Date(run.createdAt);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}:${String(at.getSeconds()).padStart(2, '0')}`;
  return `${run.graphName} ${shortHash(run.graphHash)} · ran ${hhmm}`;
}
