/**
 * `stats` against the outside logs in fixtures/outside/logs (pm4py test data, 4TU.ResearchData;
 * see fixtures/outside/MANIFEST.md for sources and licence), read in place.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSummary, readCases, type RecordedCase } from '../../shared/import';
import { memoryIo } from '../io';
import { openLog } from '../node/openFile';
import { run } from './stats';

const LOGS = join(import.meta.dirname, '..', '..', 'fixtures', 'outside', 'logs');
const here = existsSync(LOGS);

/** MANIFEST.md figures: cases, events, activities, variants (file order). */
const MANIFEST: Record<string, [number, number, number, number]> = {
  'pm4py__running-example.xes': [6, 42, 8, 6],
  'pm4py__running-example.csv': [6, 42, 8, 6],
  'pm4py__helpdesk.xes.gz': [4580, 21348, 14, 226],
  'pm4py_cid__08_receipt.xes.gz': [1434, 8577, 27, 116],
  'pm4py__receipt.csv': [1434, 8577, 27, 116],
  'pm4py__roadtraffic100traces.xes': [100, 390, 10, 10],
  'pm4py__roadtraffic100traces.csv': [100, 390, 10, 10],
  'pm4py__roadtraffic50traces.xes': [51, 201, 8, 6],
  'pm4py_cid__12_roadtraffic_1t_per_variant.xes.gz': [231, 1891, 11, 231],
  'pm4py_cid__19_roadtraffic_1t_per_variant.xes.gz': [231, 1891, 11, 231],
  'pm4py__interval_event_log.xes': [1266, 8109, 8, 9],
  'pm4py__interval_event_log.csv': [1266, 8109, 8, 9],
  'pm4py_cid__10_orders.xes.gz': [17, 154, 11, 4],
  'pm4py_cid__11_tickets.xes.gz': [9, 43, 6, 9],
  'pm4py__partial_order_example.xes': [5, 25, 5, 5],
};

async function stats(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await run(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function casesOf(file: string, sortByTimestamp = false): Promise<RecordedCase[]> {
  const log = await openLog(join(LOGS, file));
  const out: RecordedCase[] = [];
  for await (const c of readCases(log.bytes, { format: log.format, sortByTimestamp }, newSummary())) out.push(c);
  return out;
}

describe.skipIf(!here)('stats matches MANIFEST.md for every outside log', () => {
  it('covers every file in the folder', () => {
    expect(readdirSync(LOGS).sort()).toEqual([...Object.keys(MANIFEST), 'pm4py__xes_20.xes'].sort());
  });

  it.each(Object.entries(MANIFEST))('%s', async (file, [cases, events, activities, variants]) => {
    const { code, out } = await stats(join(LOGS, file), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'cases',
      'events',
      'activities',
      'variants',
      'firstTimestamp',
      'lastTimestamp',
    ]);
    expect([json.cases, json.events, json.activities, json.variants]).toEqual([cases, events, activities, variants]);
  });

  it('helpdesk spans the published 2010-01-13 … 2014-01-03', async () => {
    const json = JSON.parse((await stats(join(LOGS, 'pm4py__helpdesk.xes.gz'), '--json')).out);
    expect(json.firstTimestamp.slice(0, 10)).toBe('2010-01-13');
    expect(json.lastTimestamp.slice(0, 10)).toBe('2014-01-03');
  });

  it.each(['pm4py__interval_event_log.csv', 'pm4py__interval_event_log.xes'])(
    '%s: 9 variants in file order, 10 sorted by timestamp',
    async (file) => {
      expect(JSON.parse((await stats(join(LOGS, file), '--json', '--sort-by-timestamp')).out).variants).toBe(10);
      expect((await stats(join(LOGS, file))).out).toMatch(/variants\s+9 \(events in file order\)/);
    },
  );

  it('tickets: every timestamp identical, file order gives 9 variants even when sorting (stable)', async () => {
    const json = JSON.parse(
      (await stats(join(LOGS, 'pm4py_cid__11_tickets.xes.gz'), '--json', '--sort-by-timestamp')).out,
    );
    expect(json.variants).toBe(9);
    expect(json.firstTimestamp).toBe(json.lastTimestamp);
  });

  it('cid_19 has no trace ids: cases are named by position, with a warning; no timestamps', async () => {
    const { out, err } = await stats(join(LOGS, 'pm4py_cid__19_roadtraffic_1t_per_variant.xes.gz'), '--json');
    expect(JSON.parse(out)).toMatchObject({ cases: 231, firstTimestamp: null, lastTimestamp: null });
    expect(err).toMatch(/231 trace\(s\) have no concept:name/);
    expect((await casesOf('pm4py_cid__19_roadtraffic_1t_per_variant.xes.gz')).slice(0, 2).map((c) => c.caseId)).toEqual(
      ['trace-1', 'trace-2'],
    );
  });

  it('orders: string-typed timestamps are read, int trace ids become text ids', async () => {
    const cases = await casesOf('pm4py_cid__10_orders.xes.gz');
    expect(cases[0]!.caseId).toBe('3');
    expect(cases[0]!.events[0]!.timestamp).toBe(Date.UTC(2019, 10, 3, 1, 11, 19));
  });

  it('partial_order: "?" timestamps leave events without a time, with a warning', async () => {
    const { out, err } = await stats(join(LOGS, 'pm4py__partial_order_example.xes'), '--json');
    expect(JSON.parse(out).firstTimestamp).toBeNull();
    expect(err).toMatch(/25 event\(s\) have a time:timestamp that is not a date/);
  });

  it('xes_20 (lists, containers, no concept:name): 1 case, 1 event as MANIFEST says; the unnamed event is no activity, with a warning', async () => {
    const { code, out, err } = await stats(join(LOGS, 'pm4py__xes_20.xes'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ cases: 1, events: 1, activities: 0 });
    expect(err).toMatch(/1 event\(s\) have no concept:name/);
  });

  it('replay-side reading keeps the strict rule: an unnamed XES event is an error naming trace and event', async () => {
    const log = await openLog(join(LOGS, 'pm4py__xes_20.xes'));
    const read = async () => {
      for await (const c of readCases(log.bytes, { format: log.format }, newSummary())) void c;
    };
    await expect(read()).rejects.toThrow(/trace 1 \(line 2\), event 1 \(line 3\): missing concept:name/);
  });

  it.each([
    ['pm4py__running-example.csv', 'pm4py__running-example.xes'],
    ['pm4py__receipt.csv', 'pm4py_cid__08_receipt.xes.gz'],
    ['pm4py__roadtraffic100traces.csv', 'pm4py__roadtraffic100traces.xes'],
    ['pm4py__interval_event_log.csv', 'pm4py__interval_event_log.xes'],
  ])('CSV and XES twins give equal cases: %s / %s', async (csv, xes) => {
    const shape = (cases: RecordedCase[]) =>
      cases
        .map((c) => ({ caseId: c.caseId, events: c.events.map((e) => [e.activity, e.timestamp, e.resource ?? null]) }))
        .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    const [fromCsv, fromXes] = [await casesOf(csv), await casesOf(xes)];
    expect(fromCsv.length).toBeGreaterThan(0);
    expect(shape(fromCsv)).toEqual(shape(fromXes));
  });

  it('twins agree on typed numeric case attributes too (receipt: none; roadtraffic: amount, points)', async () => {
    const byId = (cases: RecordedCase[]) => new Map(cases.map((c) => [c.caseId, c]));
    const csv = byId(await casesOf('pm4py__roadtraffic100traces.csv'));
    const xes = byId(await casesOf('pm4py__roadtraffic100traces.xes'));
    for (const [id, c] of csv) {
      for (const key of ['amount', 'points', 'vehicleClass'])
        expect([id, key, c.attributes[key]]).toEqual([id, key, xes.get(id)!.attributes[key]]);
    }
  });
});

describe('stats command', () => {
  it.skipIf(!here)('prints readable text by default', async () => {
    const { code, out } = await stats(join(LOGS, 'pm4py__running-example.xes'));
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'cases      6',
        'events     42',
        'activities 8',
        'variants   6 (events in file order)',
        'first      2010-12-30T10:02:00.000Z',
        'last       2011-01-24T13:56:00.000Z',
        'classifier Activity (Activity), activity classifier (Activity)',
      ].join('\n'),
    );
  });

  it('exits 2 with a clear message on unreadable input', async () => {
    const missing = await stats('/nonexistent/log.csv');
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toMatch(/cannot read \/nonexistent\/log.csv: no such file/);
    expect((await stats(LOGS)).err).toMatch(/is a directory/);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await stats()).code).toBe(2);
    expect((await stats('a.csv', '--frobnicate')).err).toMatch(/unknown option --frobnicate/);
    expect((await stats('a.csv', '--format', 'parquet')).err).toMatch(/--format needs one of csv, xes, jsonl/);
    expect((await stats('a.csv', '--max-open-events', 'lots')).err).toMatch(
      /--max-open-events needs a positive whole number/,
    );
    expect((await stats('--help')).code).toBe(0);
  });
});
