import { describe, expect, it } from 'vitest';
import type { GraphDoc, RecordedCase, TransitionConfig } from '../model/types';
import { simulate } from '../replay/aggregate';
import { workedExampleCases } from '../replay/workedExample.fixture';
import { SAMPLES } from './__fixtures__/graphs';
import { contentHash } from './contentHash';
import { checkExport } from './gate';
import { htmlReport } from './htmlReport';
import { matchRun, signOffEvidence } from './release';
import { latestRelease } from './xstateJson';
import { commitExport } from './gate';

const refund = (): GraphDoc => structuredClone(SAMPLES['refund.sop.json']!);
/** DESIGN.md's worked example: the agent takes triage → refund for c1 (agreed) and c2 (people reviewed). */
const cases: RecordedCase[] = workedExampleCases();

describe('sign-off evidence', () => {
  it('shows, per raised branch, the run figures with the Wilson interval and cases', async () => {
    const doc = refund();
    const result = await simulate(doc, cases);
    const ev = signOffEvidence(doc, checkExport(doc).tiersRaised, {
      result,
      datasetName: 'worked.csv',
      graphHash: await contentHash(doc),
      stale: false,
    });
    expect(ev.run).toEqual({ datasetName: 'worked.csv', graphHash: await contentHash(doc), cases: 5, stale: false });
    const refundBranch = ev.branches.find((b) => b.branch === 'triage|always|->refund')!;
    expect(refundBranch).toMatchObject({ label: 'triage → refund', from: 'human', to: 'auto', cases: 5 });
    // 1 disagreement in 2 agent choices (c2); the 95% Wilson interval of 1/2 is [0.0945, 0.9055]
    expect(refundBranch.disagreement).toMatchObject({ k: 1, n: 2, rate: 0.5 });
    expect(refundBranch.disagreement!.low).toBeCloseTo(0.0945, 4);
    expect(refundBranch.disagreement!.high).toBeCloseTo(0.9055, 4);
  });

  it('warns when the run recommends demoting a raised branch, when it is stale, and when there is no run', async () => {
    const doc = refund();
    const result = await simulate(doc, cases);
    const id = 'triage|always||0';
    result.recommendations = [
      {
        transitionId: id,
        state: 'triage',
        action: 'demote',
        from: 'auto',
        to: 'suggest',
        bound: 0.4,
        rate: 0.5,
        n: 2,
        threshold: 0.05,
        reason: 'errors above threshold',
      },
    ];
    const ev = signOffEvidence(doc, checkExport(doc).tiersRaised, {
      result,
      datasetName: 'w',
      graphHash: 'sha256:old',
      stale: true,
    });
    expect(ev.branches.find((b) => b.branch === 'triage|always|->refund')!.warnings).toEqual([
      'the run recommends demoting this branch to suggest: errors above threshold',
      'the run is of an older version of this graph',
    ]);
    expect(signOffEvidence(doc, checkExport(doc).tiersRaised, null).branches[0]!.warnings).toEqual([
      'no run: nothing shows how this branch would do',
    ]);
  });
});

describe('matchRun', () => {
  it('current, older with the edits since, or another graph', async () => {
    const doc = refund();
    const hash = await contentHash(doc);
    expect(matchRun(doc, hash, { graph: doc, graphHash: hash, sameProject: true })).toEqual({ kind: 'current' });
    const edited = refund();
    (edited.machine.states!.triage!.always as TransitionConfig[])[1]!.meta = { tier: 'auto' };
    expect(matchRun(edited, await contentHash(edited), { graph: doc, graphHash: hash, sameProject: true })).toEqual({
      kind: 'older',
      edits: ['branch triage → reject: tier suggest → auto changed'],
    });
    const other = SAMPLES['ticket-routing.sop.json']!;
    expect(matchRun(doc, hash, { graph: other, graphHash: await contentHash(other), sameProject: false }).kind).toBe(
      'other-graph',
    );
    expect(matchRun(doc, hash, { graph: other, graphHash: await contentHash(other), sameProject: null }).kind).toBe(
      'other-graph',
    );
  });
});

describe('the HTML report carries the release record', () => {
  it('signer, date, note and the evidence for each raised branch', async () => {
    const doc = refund();
    const result = await simulate(doc, cases);
    const evidence = signOffEvidence(doc, checkExport(doc).tiersRaised, {
      result,
      datasetName: 'worked <b>.csv',
      graphHash: await contentHash(doc),
      stale: false,
    });
    const r = await commitExport(doc, {
      format: 'html',
      signOff: { by: 'Ana <Risk>', note: 'pilot & go', evidence },
      now: new Date('2026-11-24T10:00:00Z'),
    });
    if (!r.ok) throw new Error('blocked');
    const html = await htmlReport({
      doc: r.doc,
      result,
      dataset: { name: 'worked', cases: 5 },
      release: latestRelease(r.doc),
    });
    expect(html).toContain('<dd data-release="signer">Ana &lt;Risk&gt;</dd>');
    expect(html).toContain('<dd data-release="note">pilot &amp; go</dd>');
    expect(html).toContain('2026-11-24T10:00:00.000Z');
    expect(html).toContain('<dd data-release="version">4</dd>');
    expect(html).toContain('worked &lt;b&gt;.csv');
    expect(html).toMatch(
      /<tr data-evidence="triage\|always\|-&gt;refund"><td>triage → refund<\/td><td>human → auto<\/td>\s*<td class="n">50\.0% <span class="muted">\[9\.5%–90\.5%\] 1\/2<\/span>/,
    );
  });

  it('a report of an unreleased graph says so', async () => {
    const doc = refund();
    const html = await htmlReport({ doc, result: await simulate(doc, cases), dataset: { name: 'w', cases: 5 } });
    expect(html).toContain('data-release="none"');
  });
});
