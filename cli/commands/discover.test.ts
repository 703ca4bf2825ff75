/**
 * `discover` on real logs: the draft validates (shared/validation) and replays its own log
 * (shared/replay, the simulator's engine) with at least the chosen share of cases conformant.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSummary, readCases } from '../../shared/import';
import { parseGraphDocument } from '../../shared/model/parse';
import { simulate } from '../../shared/replay';
import { validateGraph } from '../../shared/validation/validate';
import { memoryIo } from '../io';
import { openLog } from '../node/openFile';
import { run } from './discover';

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures');
const out = mkdtempSync(join(tmpdir(), 'discover-'));

async function draftAndReplay(log: string, coverage: number) {
  const target = join(out, `draft-${coverage}.sop.json`);
  const io = memoryIo();
  expect(await run([log, '-o', target, '--coverage', String(coverage)], io)).toBe(0);
  const parsed = parseGraphDocument(readFileSync(target, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  const opened = await openLog(log);
  const result = await simulate(parsed.doc, readCases(opened.bytes, { format: opened.format }, newSummary()));
  return { doc: parsed.doc, totals: result.totals, io };
}

describe('discover', () => {
  it.each([0.5, 0.8, 0.95])('Helpdesk, coverage %s: validates, replays with at least that share conformant', async (coverage) => {
    const { doc, totals, io } = await draftAndReplay(join(ROOT, 'outside', 'logs', 'pm4py__helpdesk.xes.gz'), coverage);
    expect(validateGraph(doc).filter((d) => d.severity === 'error')).toEqual([]);
    expect(totals.cases).toBe(4580);
    expect(totals.conformant / totals.cases).toBeGreaterThanOrEqual(coverage);
    expect(doc.rollout).toBe('observe');
    expect(totals.autoSteps + totals.suggestSteps).toBe(0);
    expect(io.stdout[0]).toMatch(/states from \d+ variant\(s\) covering/);
  });

  it('a start/complete log: the draft from its activities replays its cases conformant', async () => {
    const { totals } = await draftAndReplay(join(ROOT, 'import', 'lifecycle', 'handmade.csv'), 1);
    expect([totals.cases, totals.conformant, totals.deviations]).toEqual([2, 2, 0]);
  });

  it('bad usage exits 2', async () => {
    const io = memoryIo();
    expect(await run([join(ROOT, 'import', 'lifecycle', 'handmade.csv')], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/-o draft.sop.json/);
    expect(await run(['x.csv', '-o', 'y.json', '--coverage', '2'], memoryIo())).toBe(2);
  });
});
