/**
 * `discover` on real logs: the draft validates (shared/validation) and replays its own log
 * (shared/replay, the simulator's engine) with at least the chosen share of cases conformant.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  it.each([0.5, 0.8, 0.95])(
    'Helpdesk, coverage %s: validates, replays with at least that share conformant',
    async (coverage) => {
      const { doc, totals, io } = await draftAndReplay(
        join(ROOT, 'outside', 'logs', 'pm4py__helpdesk.xes.gz'),
        coverage,
      );
      expect(validateGraph(doc).filter((d) => d.severity === 'error')).toEqual([]);
      expect(totals.cases).toBe(4580);
      expect(totals.conformant / totals.cases).toBeGreaterThanOrEqual(coverage);
      expect(doc.rollout).toBe('observe');
      expect(totals.autoSteps + totals.suggestSteps).toBe(0);
      expect(io.stdout[0]).toMatch(/states from \d+ variant\(s\) covering/);
    },
  );

  it('a start/complete log: the draft from its activities replays its cases conformant', async () => {
    const { totals } = await draftAndReplay(join(ROOT, 'import', 'lifecycle', 'handmade.csv'), 1);
    expect([totals.cases, totals.conformant, totals.deviations]).toEqual([2, 2, 0]);
  });

  it('--date-order (with --sort-by-timestamp) decides which activity comes first', async () => {
    // 02/01 is 2 Jan day-first, 1 Feb month-first; 01/02 the other way round
    const log = join(out, 'order.csv');
    writeFileSync(log, 'case_id,activity,timestamp\nc1,A,02/01/2024 10:00\nc1,B,01/02/2024 10:00\n');
    const first = async (order: string) => {
      const target = join(out, `order-${order}.sop.json`);
      expect(await run([log, '-o', target, '--sort-by-timestamp', '--date-order', order], memoryIo())).toBe(0);
      const doc = JSON.parse(readFileSync(target, 'utf8')) as {
        machine: { states: Record<string, { on?: Record<string, { target: string }> }> };
      };
      return Object.values(doc.machine.states.begin!.on!).map((t) => t.target);
    };
    expect(await first('dmy')).toEqual(['A']);
    expect(await first('mdy')).toEqual(['B']);
    expect(await run([log, '-o', join(out, 'x.json'), '--date-order', 'ymd'], memoryIo())).toBe(2);
  });

  it('bad usage exits 2', async () => {
    const io = memoryIo();
    expect(await run([join(ROOT, 'import', 'lifecycle', 'handmade.csv')], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/-o draft.sop.json/);
    expect(await run(['x.csv', '-o', 'y.json', '--coverage', '2'], memoryIo())).toBe(2);
  });
});
