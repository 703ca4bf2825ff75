/** `sop-studio simulate`: JSON contract, table output, rollout option, and exit 2 on bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportScxml } from '../../shared/export/scxml/exportScxml';
import { exportXStateJson } from '../../shared/export/xstateJson';
import { withDefaults } from '../../shared/model/defaults';
import { WORKED_EXAMPLE_TOTALS, workedExampleCsv } from '../../shared/replay/workedExample.fixture';
import { memoryIo } from '../io';
import { run } from './simulate';

const dir = mkdtempSync(join(tmpdir(), 'sop-simulate-'));
const graph = join(process.cwd(), 'samples/refund.sop.json');
// DESIGN.md's worked example as a CSV log
const log = join(dir, 'worked.csv');
writeFileSync(log, workedExampleCsv());

async function cli(...args: string[]) {
  const io = memoryIo();
  const code = await run(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('simulate CLI', () => {
  it('--json prints totals with exactly the contract keys and the worked example figures', async () => {
    const { code, out } = await cli(graph, log, '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r.totals)).toEqual([
      'cases',
      'conformant',
      'deviations',
      'trailingEvents',
      'steps',
      'autoSteps',
      'autoErrors',
      'suggestSteps',
      'overrides',
      'humanSteps',
      'abstentions',
      'agree',
      'disagree',
      'guardrailTrips',
      'overrideRate',
      'automationRate',
      'autoErrorRate',
    ]);
    expect(r.totals).toEqual(WORKED_EXAMPLE_TOTALS);
    expect(r.perState.triage).toMatchObject({
      visits: 4,
      agree: 3,
      disagree: 1,
      overrides: 0,
      autoErrors: 1,
      abstentions: 0,
      deviations: 1,
      guardrailTrips: 0,
    });
    expect(r.perState.reject).toMatchObject({ visits: 0, deviations: 1 });
    expect(r.perTransition['triage|always||0']).toMatchObject({
      agentChoices: 2,
      humanChoices: 1,
      agree: 1,
      autoErrors: 1,
    });
  });

  it('--rollout observe makes every step human; rates with a zero denominator are null', async () => {
    const r = JSON.parse((await cli(graph, log, '--json', '--rollout', 'observe')).out);
    expect([r.rollout, r.totals.autoSteps, r.totals.suggestSteps, r.totals.humanSteps]).toEqual(['observe', 0, 0, 9]);
    expect([r.totals.overrideRate, r.totals.autoErrorRate, r.totals.automationRate]).toEqual([null, null, 0]);
  });

  it('prints a readable table by default', async () => {
    const { code, out } = await cli(graph, log);
    expect(code).toBe(0);
    expect(out).toMatch(/cases\s+5 \(conformant 3, deviated 2/);
    expect(out).toMatch(/^triage\s+4\s+3\s+1\s+0\s+1\s+0\s+1\s+0/m);
    expect(out).toMatch(/recommendations: none/);
  });

  it('--threshold and --min-cases drive the recommendations (sample log)', async () => {
    const sample = join(process.cwd(), 'samples/cases/refund-cases.csv');
    const strict = JSON.parse((await cli(graph, sample, '--json')).out);
    expect(strict.recommendations).toEqual([]);
    const loose = JSON.parse((await cli(graph, sample, '--json', '--threshold', '0.2', '--min-cases', '10')).out);
    expect(loose.recommendationPolicy).toEqual({ threshold: 0.2, minCases: 10 });
    expect(loose.recommendations).toContainEqual(
      expect.objectContaining({ transitionId: 'triage|always||1', action: 'promote', from: 'suggest', to: 'auto' }),
    );
  });

  it('exits 2 with a clear message on unreadable input', async () => {
    const missing = await cli(graph, join(dir, 'nope.csv'));
    expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/nope\.csv.*no such file/)]);
    const badGraph = join(dir, 'bad.sop.json');
    writeFileSync(badGraph, '{ "machine": ');
    const bg = await cli(badGraph, log);
    expect([bg.code, bg.err]).toEqual([2, expect.stringMatching(/not a usable graph document/)]);
    const badLog = join(dir, 'bad.csv');
    writeFileSync(badLog, 'foo,bar\n1,2\n');
    const bl = await cli(graph, badLog);
    expect(bl.code).toBe(2);
    expect(bl.err).toMatch(/bad\.csv/);
    const opt = await cli(graph, log, '--rollout', 'yolo');
    expect([opt.code, opt.err]).toEqual([2, expect.stringMatching(/--rollout needs one of observe, assist, autonomy/)]);
  });

  it('on the real Helpdesk XES (no lifecycle start events): time saved is null with the reason; elapsed time is reported', async () => {
    // A small SOP over Helpdesk's main path; "Take in charge ticket" is auto, so there are auto,
    // agreed steps whose calendar gaps must NOT be counted as saved work.
    const helpdesk = join(dir, 'helpdesk.sop.json');
    writeFileSync(
      helpdesk,
      JSON.stringify({
        machine: {
          initial: 'assign',
          states: {
            assign: { meta: { activity: 'Assign seriousness' }, always: { target: 'take', meta: { tier: 'auto' } } },
            take: { meta: { activity: 'Take in charge ticket' }, always: { target: 'resolve' } },
            resolve: { meta: { activity: 'Resolve ticket' }, always: { target: 'closed' } },
            closed: { meta: { activity: 'Closed' }, type: 'final' },
          },
        },
        rollout: 'autonomy',
      }),
    );
    const xes = join(process.cwd(), 'fixtures/outside/logs/pm4py__helpdesk.xes.gz');
    const r = JSON.parse((await cli(helpdesk, xes, '--json')).out);
    expect(r.totals.cases).toBe(4580);
    expect(r.perTransition['assign|always||0'].agree).toBeGreaterThan(1000);
    expect(r.totalsExtra.timeSavedMs).toBeNull();
    expect(r.totalsExtra.timeSavedReason).toBe('this log has no start/complete times');
    // Helpdesk tickets run for weeks (first → last event), and that is elapsed time, not work
    expect(r.totalsExtra.elapsed.medianCaseMs).toBeGreaterThan(86_400_000);
    expect(r.totalsExtra.elapsed.waitingShare).toBeNull();
    const text = (await cli(helpdesk, xes)).out;
    expect(text).toContain('time saved: not measurable: this log has no start/complete times');
    expect(text).toMatch(/elapsed\s+median case .* \(calendar time, not work\)/);
  });

  it('--agent rules --agent learned: a JSON section per policy, scored on the later 30% of cases by start time', async () => {
    const sample = join(process.cwd(), 'samples/cases/refund-history.csv');
    const r = JSON.parse((await cli(graph, sample, '--agent', 'rules', '--agent', 'learned', '--json')).out);
    expect(r.agents.evaluatedOn).toBe('holdout');
    expect(r.agents.split).toMatchObject({ trainCases: 280, testCases: 120 });
    expect(r.agents.policies.map((p: { policy: string }) => p.policy)).toEqual(['rules', 'learned']);
    expect(r.agents.policies[1].summary.library).toBe('ml-random-forest');
    expect(r.agents.policies[0].coverage).toHaveLength(21);
    const bad = await cli(graph, sample, '--agent', 'oracle');
    expect([bad.code, bad.err]).toEqual([
      2,
      expect.stringMatching(
        /--agent needs rules, recorded:<column>, shadow:<audit.jsonl>, learned\[:0\.7\] or model\[:0\.7\]/,
      ),
    ]);
  });
});

describe('simulate takes an exported graph', () => {
  it('an exported XState JSON and SCXML of the refund graph give the worked example totals', async () => {
    const doc = withDefaults(JSON.parse(readFileSync(graph, 'utf8')));
    const expected = JSON.parse((await cli(graph, log, '--json')).out).totals;
    for (const [ext, text] of [
      ['machine.json', exportXStateJson(doc)],
      ['scxml', exportScxml(doc)],
    ] as const) {
      const file = join(dir, `refund.${ext}`);
      writeFileSync(file, text);
      const { code, out } = await cli(file, log, '--json');
      expect(code, ext).toBe(0);
      expect(JSON.parse(out).totals, ext).toEqual(expected);
    }
    expect(expected).toMatchObject({ cases: 5, conformant: 3, autoErrors: 1 });
  });
});
