/**
 * `stats` on one small CSV per timestamp form real exports use (fixtures/import/timestamps,
 * written by make_fixtures.py, whose expected.json comes from Python's datetime: an oracle
 * independent of the TypeScript reader). Events ordered by time, as pm4py does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from './stats';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'timestamps');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, object>;

describe('stats reads every timestamp form (expected figures from Python datetime)', () => {
  it.each(Object.entries(EXPECTED))('%s', async (form, expected) => {
    const io = memoryIo();
    const code = await run([join(DIR, `${form}.csv`), '--json', '--sort-by-timestamp'], io);
    expect(io.stderr.filter((l) => !l.startsWith('stats: note:'))).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout.join(''))).toEqual(expected);
  });

  it('says which time zone and date order it assumed', async () => {
    const io = memoryIo();
    expect(await run([join(DIR, 'day_first.csv')], io)).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/note: 7 timestamp\(s\) carry no UTC offset and were read in UTC/);
    expect(io.stderr.join('\n')).toMatch(/note: dates read day-first \(decided by "13\/11\/2011 14:00"\)/);
  });

  it('--time-zone and --date-order change the reading', async () => {
    const io = memoryIo();
    expect(await run([join(DIR, 'single_digit_hour.csv'), '--json', '--time-zone', 'Europe/Amsterdam'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('')).firstTimestamp).toBe('2011-11-05T00:05:01.000Z');
    const bad = memoryIo();
    expect(await run([join(DIR, 'day_first.csv'), '--date-order', 'mdy'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(
      /line 4: timestamp "13\/11\/2011 14:00" is not a date\/time \(13 is not a valid month\)/,
    );
    const zone = memoryIo();
    expect(await run([join(DIR, 'day_first.csv'), '--time-zone', 'Nowhere/Land'], zone)).toBe(2);
    expect(zone.stderr[0]).toMatch(/"Nowhere\/Land" is not an IANA time zone/);
  });
});
