/**
 * One agents measurement in its own process (so its peak RSS is its own):
 *   node bin/run-ts.mjs bench/agentsTask.ts <rules|learned> <cases>
 * Generates the planted refund history (shared/agents/testHistory.ts: silver refunds over 300 are
 * always reviewed, which the SOP does not say), then times the policy run. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { compareAgents, learnedPolicy, RULES, type AgentPolicy, type TrainingStep } from '../shared/agents';
import { plantedHistory, refundGraph } from '../shared/agents/testHistory';

const [mode, n] = [process.argv[2], Number(process.argv[3])];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

const cases = plantedHistory(n, 11);
const afterGenRssMB = maxRssMB();
let trainMs = 0;
let trainCpuMs = 0;
const policy: AgentPolicy | typeof RULES = mode === 'learned' ? learnedPolicy() : RULES;
if (policy.kind === 'learned') {
  const train = policy.train!.bind(policy);
  policy.train = (steps: TrainingStep[]) => {
    const [t, c] = [performance.now(), cpuMs()];
    train(steps);
    [trainMs, trainCpuMs] = [performance.now() - t, cpuMs() - c];
  };
}
const [t0, c0] = [performance.now(), cpuMs()];
const cmp = await compareAgents(refundGraph, cases, [policy]);
const [ms, cpu] = [performance.now() - t0, cpuMs() - c0];
const report = cmp.policies[0]!;
const branch = report.branches['triage|always||0']!;
console.log(
  JSON.stringify({
    mode,
    cases: n,
    scoredCases: report.result.totals.cases,
    steps: report.result.totals.steps,
    ms: Math.round(ms),
    cpuMs: Math.round(cpu),
    trainMs: Math.round(trainMs),
    trainCpuMs: Math.round(trainCpuMs),
    afterGenRssMB,
    maxRssMB: maxRssMB(),
    refundDisagreement: branch.disagreement?.rate ?? null,
  }),
);
