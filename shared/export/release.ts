/**
 * Releases and sign-off (DESIGN "Releases and sign-off"): the evidence a signer is shown for each
 * raised branch — the run's disagreement rate with its Wilson interval and the cases behind it,
 * the run's dataset and graph hash — and whether a run may stand beside this graph at all.
 *
 * A run belongs to one graph version: a run of another graph never goes into this graph's
 * report; a run of an older version of this graph is stale and says which edits came since.
 */
import { diffGraphs, describeTransitionKey, isEmptyDiff, transitionIdsByKey, type GraphDiff } from '../model/diff';
import type { GraphDoc, Tier } from '../model/types';
import type { Recommendation, SimulationResult } from '../replay/result';
import type { RateInterval } from '../replay/wilson';

/** The figures shown beside one raised branch. */
interface BranchEvidence {
  /** The branch's identity key (GraphDiff's, as in tiersRaised). */
  branch: string;
  /** The branch in words: "triage → refund". */
  label: string;
  from: Tier;
  to: Tier;
  /** disagree / agentChoices of the branch in the run, with its 95% Wilson interval; null: no evidence. */
  disagreement: RateInterval | null;
  /** Cases in the run. */
  cases: number;
  /** What the run recommends for this branch, if anything. */
  recommendation: Pick<Recommendation, 'action' | 'to' | 'reason'> | null;
  /** Why the signer should look twice (the run recommends demoting it, or the run is stale). */
  warnings: string[];
}

/** What a sign-off was shown. `run` is null when there was no run to show. */
export interface SignOffEvidence {
  run: { datasetName: string; graphHash: string; cases: number; stale: boolean } | null;
  branches: BranchEvidence[];
}

/** How a run relates to the open graph. */
export type RunMatch =
  { kind: 'current' } | { kind: 'older'; edits: string[] } | { kind: 'other-graph'; reason: string };

/** The edits a diff lists, in words, for "the run is of an older version: …". */
function describeEdits(diff: GraphDiff): string[] {
  const out: string[] = [];
  const s = diff.states;
  if (s.added.length) out.push(`states added: ${s.added.join(', ')}`);
  if (s.removed.length) out.push(`states removed: ${s.removed.join(', ')}`);
  for (const c of s.changed) out.push(`state ${c.key}: ${c.fields.join(', ')} changed`);
  for (const k of diff.transitions.added) out.push(`branch added: ${describeTransitionKey(k)}`);
  for (const k of diff.transitions.removed) out.push(`branch removed: ${describeTransitionKey(k)}`);
  for (const c of diff.transitions.changed) {
    const what = [
      c.tierChanged && `tier ${c.tierChanged.from ?? '(default)'} → ${c.tierChanged.to ?? '(default)'}`,
      c.guardChanged && 'guard',
      c.targetChanged && 'target',
      ...(c.otherChanged ?? []),
    ].filter(Boolean);
    out.push(`branch ${describeTransitionKey(c.id)}: ${what.join(', ')} changed`);
  }
  const m = diff.meta;
  if (m.rolloutChanged) out.push(`rollout ${m.rolloutChanged.from} → ${m.rolloutChanged.to}`);
  if (m.nameChanged) out.push(`renamed "${m.nameChanged.from}" → "${m.nameChanged.to}"`);
  if (m.toolsChanged.length) out.push(`tools changed: ${m.toolsChanged.join(', ')}`);
  if (m.agentsChanged.length) out.push(`agents changed: ${m.agentsChanged.join(', ')}`);
  if (m.caseSchemaChanged.length) out.push(`case fields changed: ${m.caseSchemaChanged.join(', ')}`);
  return out;
}

/**
 * Where a run stands against the open graph. `sameProject` is whether the run was made in the
 * open graph's project (null when either has none: then the graph's name and machine id decide).
 */
export function matchRun(
  doc: GraphDoc,
  currentHash: string,
  run: { graph: GraphDoc; graphHash: string; sameProject: boolean | null },
): RunMatch {
  if (run.sameProject === false)
    return { kind: 'other-graph', reason: `the run replayed “${run.graph.name}”, another graph` };
  if (run.sameProject === null && (run.graph.name !== doc.name || run.graph.machine.id !== doc.machine.id)) {
    return { kind: 'other-graph', reason: `the run replayed “${run.graph.name}”, another graph` };
  }
  if (run.graphHash === currentHash) return { kind: 'current' };
  const diff = diffGraphs(run.graph, doc);
  // a hash change nothing in the diff can see (e.g. a note): still an older version
  return { kind: 'older', edits: isEmptyDiff(diff) ? ['details outside states and branches'] : describeEdits(diff) };
}

/**
 * The evidence for each raised branch from a run (null: none). A run that is stale still shows
 * its figures, marked so; a run of another graph must not be passed here (see matchRun).
 */
export function signOffEvidence(
  doc: GraphDoc,
  raised: GraphDiff['tiersRaised'],
  run: { result: SimulationResult; datasetName: string; graphHash: string; stale: boolean } | null,
): SignOffEvidence {
  const ids = transitionIdsByKey(doc);
  const branches = raised.map((r): BranchEvidence => {
    const id = ids.get(r.id);
    const report = run && id ? run.result.perTransition[id] : undefined;
    const rec = run && id ? run.result.recommendations.find((x) => x.transitionId === id) : undefined;
    const warnings: string[] = [];
    if (rec?.action === 'demote') warnings.push(`the run recommends demoting this branch to ${rec.to}: ${rec.reason}`);
    if (run?.stale) warnings.push('the run is of an older version of this graph');
    if (!run) warnings.push('no run: nothing shows how this branch would do');
    else if (!report || report.rates.disagreement === null)
      warnings.push('the run never chose this branch: no evidence');
    return {
      branch: r.id,
      label: describeTransitionKey(r.id),
      from: r.from,
      to: r.to,
      disagreement: report?.rates.disagreement ?? null,
      cases: run?.result.totals.cases ?? 0,
      recommendation: rec ? { action: rec.action, to: rec.to, reason: rec.reason } : null,
      warnings,
    };
  });
  return {
    run: run
      ? { datasetName: run.datasetName, graphHash: run.graphHash, cases: run.result.totals.cases, stale: run.stale }
      : null,
    branches,
  };
}
