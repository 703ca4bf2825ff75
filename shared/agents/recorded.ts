/**
 * The recorded agent: what a real agent proposed in shadow mode, read from the log. The event
 * being decided (the row of the activity people did next) carries, in `column`, the activity the
 * agent proposed for that decision, and optionally its confidence in `confidenceColumn`. A missing
 * proposal is an abstention; one that names no branch of the state is an invalid answer (counted,
 * scored as an abstention). At a trace's end there is no row, so the agent abstains.
 */
import type { AgentPolicy, Decision, StepView } from './types';

/** Answer from `view.recorded`: the branch leading to the proposed activity (or state key). */
export function decideRecorded(view: StepView): Decision {
  const r = view.recorded;
  if (!r || r.proposal === null) return { branch: null };
  const want = r.proposal.toLowerCase();
  const b = view.branches.find((x) => x.activity.toLowerCase() === want || x.target.toLowerCase() === want);
  const conf = r.confidence === null ? {} : { confidence: r.confidence };
  return b
    ? { branch: b.index, ...conf }
    : {
        branch: null,
        invalid: true,
        reason: `proposed "${r.proposal}", which no branch of ${view.state} leads to`,
        ...conf,
      };
}

export function recordedPolicy(
  column: string,
  opts: { confidenceColumn?: string; threshold?: number } = {},
): AgentPolicy {
  const confidence = opts.confidenceColumn ?? `${column}_confidence`;
  return {
    name: `recorded:${column}`,
    kind: 'recorded',
    threshold: opts.threshold ?? 0,
    recordedColumn: { proposal: column, confidence },
    decide: decideRecorded,
  };
}
