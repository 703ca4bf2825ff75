/**
 * The recorded agent from the runner's shadow audit trail: `run` in shadow mode writes the trail
 * (following what people did), `simulate --agent shadow:<trail>` replays its proposals — including
 * the draft of a suggestion people rejected, which the trail now records. Expected counts are
 * worked out by hand from the graph's guards below, not by running the rules agent.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareAgents,
  shadowAuditPolicy,
  shadowProposals,
  type AgentPolicy,
  type StepView,
} from '../../shared/agents';
import type { RecordedCase } from '../../shared/model/types';
import { parseAuditText } from '../../shared/runtime/audit';
import { refundGraph } from '../../shared/runtime/testGraph';
import { memoryIo } from '../io';
import { run as runCases } from './run';
import { run as simulate } from './simulate';

// triage: amount ≤ 100 && fraudScore < 0.3 → Issue refund (auto); fraudScore ≥ 0.8 → Reject
// request (suggest); else Manual review (human). customerTier is not in the agent's reads.
const rc = (caseId: string, amount: number, fraudScore: number, acts: string[]): RecordedCase => ({
  caseId,
  attributes: { amount, fraudScore, customerTier: `s3cr3t-${caseId}` },
  events: acts.map((activity) => ({ activity, attributes: {} })),
});
const cases = [
  rc('A', 50, 0.1, ['Triage request', 'Issue refund']), // agent refunds on its own, people too: agree
  rc('B', 60, 0.2, ['Triage request', 'Manual review', 'Issue refund']), // agent refunds, people reviewed: auto error
  rc('C', 300, 0.9, ['Triage request', 'Reject request']), // agent drafts reject, approved: agree
  rc('D', 300, 0.9, ['Triage request', 'Manual review', 'Reject request']), // draft rejected, people reviewed: override
  rc('E', 300, 0.5, ['Triage request', 'Manual review', 'Issue refund']), // human tier, agent's choice review: agree
];
const notRun = rc('F', 40, 0.1, ['Triage request', 'Issue refund']); // never run: no proposal, abstains

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'sop-shadow-'));
  const graph = join(dir, 'refund.sop.json');
  writeFileSync(graph, JSON.stringify(refundGraph()));
  const runLog = join(dir, 'run.jsonl');
  writeFileSync(runLog, cases.map((c) => JSON.stringify(c)).join('\n'));
  const simLog = join(dir, 'all.jsonl');
  writeFileSync(simLog, [...cases, notRun].map((c) => JSON.stringify(c)).join('\n'));
  return { dir, graph, runLog, simLog, audit: join(dir, 'shadow.audit.jsonl') };
}

describe('recorded agent from the runner’s shadow audit trail', () => {
  it('run in shadow mode → simulate --agent shadow:<trail> replays its proposals, rejected drafts included', async () => {
    const f = files();
    expect(await runCases([f.graph, '--cases', f.runLog, '--audit', f.audit], memoryIo())).toBe(0);
    const records = parseAuditText(readFileSync(f.audit, 'utf8'));
    expect(records.find((r) => r.caseId === 'D' && r.decision === 'suggest')?.result).toMatchObject({
      proposal: { activity: 'Reject request' },
    });

    const io = memoryIo();
    expect(await simulate([f.graph, f.simLog, '--agent', 'shadow:' + f.audit, '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('\n')) as {
      agents: {
        policies: Array<{ policy: string; kind: string; result: { perState: Record<string, Record<string, number>> } }>;
      };
    };
    const [shadow] = out.agents.policies;
    expect([shadow!.policy, shadow!.kind]).toEqual(['shadow:shadow.audit.jsonl', 'recorded']);
    expect(shadow!.result.perState.triage).toMatchObject({
      visits: 6,
      agree: 3,
      autoErrors: 1,
      overrides: 1,
      abstentions: 1,
    });
  });

  it('the policy sees only the proposal, never the case id or a field outside the reads', async () => {
    const f = files();
    expect(await runCases([f.graph, '--cases', f.runLog, '--audit', f.audit], memoryIo())).toBe(0);
    const inner = shadowAuditPolicy(shadowProposals(parseAuditText(readFileSync(f.audit, 'utf8'))));
    const views: StepView[] = [];
    const policy: AgentPolicy = { ...inner, decide: (v) => (views.push(v), inner.decide(v)) };
    await compareAgents(refundGraph(), [...cases, notRun], [policy]);
    expect(views.length).toBeGreaterThanOrEqual(6);
    for (const v of views) {
      const text = JSON.stringify(v);
      expect(text).not.toContain('s3cr3t');
      expect(text).not.toMatch(/"caseId"/);
      expect(Object.keys(v.fields).every((k) => k === 'amount' || k === 'fraudScore')).toBe(true);
    }
    expect(views.filter((v) => v.state === 'triage').map((v) => v.recorded?.proposal)).toEqual([
      'Issue refund',
      'Issue refund',
      'Reject request',
      'Reject request',
      'Manual review',
      null,
    ]);
  });

  it('a tampered trail is refused with the line, and nothing is simulated', async () => {
    const f = files();
    expect(await runCases([f.graph, '--cases', f.runLog, '--audit', f.audit], memoryIo())).toBe(0);
    writeFileSync(f.audit, readFileSync(f.audit, 'utf8').replace('"Reject request"', '"Issue refund"'));
    const io = memoryIo();
    expect(await simulate([f.graph, f.simLog, '--agent', 'shadow:' + f.audit], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/line \d+: .*not using a tampered log/);
    expect(io.stdout).toEqual([]);
  });
});
