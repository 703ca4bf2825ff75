/**
 * The model agent's reasons for one case, for the case explorer: the case is walked again with
 * the model policy answering ONLY from the response cache (its fetch refuses, so nothing reaches
 * the network) — the very answers the comparison was scored on, since the cache is keyed by the
 * request. A decision whose answer is not cached is listed as such.
 */
import {
  modelPolicy,
  type AgentPolicy,
  type Decision,
  type ResponseStore,
  type StepView,
} from '../../../../shared/agents';
import { runPolicy } from '../../../../shared/agents/runPolicy';
import type { GraphDoc, RecordedCase, Rollout } from '../../../../shared/model/types';
import { compileGraph } from '../../../../shared/replay/compile';
import type { ModelSettings } from './agentSpecs';

export interface ModelReason {
  state: string;
  /** Activity of the proposed branch; null = abstained (or the answer was unusable / not cached). */
  proposed: string | null;
  confidence: number | null;
  reason: string | null;
  invalid: boolean;
  cached: boolean;
}

const notCached: typeof fetch = async () => new Response('not in the response cache', { status: 499 });

export async function modelReasons(
  graph: GraphDoc,
  rollout: Rollout,
  c: RecordedCase,
  settings: ModelSettings,
  cache: ResponseStore,
): Promise<ModelReason[]> {
  const inner = modelPolicy({
    baseUrl: settings.baseUrl,
    model: settings.model,
    threshold: settings.threshold,
    cache,
    retries: 0,
    fetch: notCached,
  });
  const out: ModelReason[] = [];
  const row = (v: StepView, d: Decision | null): ModelReason => ({
    state: v.state,
    proposed: d && d.branch !== null ? (v.branches[d.branch]?.activity ?? null) : null,
    confidence: d?.confidence ?? null,
    reason: d?.reason ?? null,
    invalid: d?.invalid === true,
    cached: d !== null,
  });
  const policy: AgentPolicy = {
    ...inner,
    async decide(v: StepView) {
      try {
        const d = await inner.decide(v);
        out.push(row(v, d));
        return d;
      } catch (e) {
        out.push(row(v, null));
        throw e;
      }
    },
  };
  await runPolicy(compileGraph(graph), [c], policy, { rollout });
  return out;
}
