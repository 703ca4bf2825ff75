/**
 * Hostile and broken inputs through the CLI (`sop-studio stats`): each fixture in
 * fixtures/hostile/import (written by make.py there) ends with the documented exit code and a
 * message naming the problem, and nothing from the input reaches the terminal raw.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inheritsNothing } from '../../shared/import/dictionaries';
import { readAll } from '../../shared/import/testing';
import { memoryIo } from '../io';
import { main } from '../main';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile', 'import');
// C0 controls other than none at all (messages are single lines), DEL, C1
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

async function stats(file: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(['stats', join(DIR, file), ...args], io);
  for (const line of [...io.stdout, ...io.stderr]) expect(line).not.toMatch(RAW_CONTROL);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('hostile inputs: exit 2 and a message naming the problem', () => {
  it.each([
    ['ragged.csv', /line 51: 2 fields where the header has 3\n.*add --skip-invalid/],
    ['proto_header.csv', /line 1: column "__proto__" is not allowed/],
    ['constructor_case_column.csv', /line 1: column "constructor" is not allowed/],
    ['dup_header.csv', /line 1: columns 3 and 4 are both named "amount"/],
    ['proto_container.xes', /line 2: <container> key "__proto__" is not allowed/],
    ['constructor_attr.xes', /<string> key "constructor" is not allowed/],
    ['proto_attributes.jsonl', /line 1: key "attributes.__proto__": name "__proto__" is not allowed/],
    ['huge_case.csv.gz', /case "one" has more than 100,000 events.*--max-events-per-case/],
    ['big_ids.jsonl', /line 1: caseId 9007199254740992 is a number beyond 2\^53/],
    ['dup_case.jsonl', /line 3: case "c1" was already read from an earlier whole-case line/],
    ['invalid_utf8.csv', /not valid UTF-8 .*Windows-1252 or Latin-1/],
    ['utf16_bom.csv', /the file is UTF-16 \(little-endian, byte order mark FF FE\)/],
    ['utf16_nobom.csv', /UTF-16 without a byte order mark/],
    ['binary.csv', /binary data \(NUL bytes\)/],
    ['escape_header.csv', /no case id column.*header: id\\u\{1b\}\[2J\\u\{1b\}\[H, step/],
    ['escape_case_id.jsonl', /line 2: case "c1\\u\{1b\}\[2J" was already read/],
    ['hour_24.csv', /line 2: timestamp "2011-11-05 24:59" is not a date\/time \(24 is not a valid hour\)/],
    ['timestamp_1e300.jsonl', /line 1: timestamp 1e\+300 is a number beyond the range of dates/],
    ['timestamp_1e400.jsonl', /line 1: timestamp number overflows to a number beyond the range of dates/],
  ])('%s', async (file, message) => {
    const r = await stats(file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });
});

describe('bad rows skipped and counted on request', () => {
  it('ragged CSV with --skip-invalid: read, the skipped line listed with its reason', async () => {
    const r = await stats('ragged.csv', '--skip-invalid', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ cases: 12, events: 59 });
    expect(r.err).toMatch(
      /skipped 1 row\(s\)\/event\(s\) that could not be read:\nstats: {3}line 51: 2 fields where the header has 3/,
    );
  });

  it('a bigger per-case limit reads the huge case', async () => {
    const r = await stats('huge_case.csv.gz', '--max-events-per-case', '200000', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ cases: 1, events: 100_001 });
  });

  it('mixed CRLF/LF: rows neither glued nor ending in \\r', async () => {
    const r = await stats('mixed_crlf.csv', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ cases: 2, events: 4, activities: 2, variants: 1 });
  });
});

describe('readers: dictionaries from input inherit nothing (no Object.prototype); line ends normalised', () => {
  const protoFree = (o: unknown): boolean => {
    if (typeof o !== 'object' || o === null || o instanceof Date) return true;
    if (Array.isArray(o)) return o.every(protoFree);
    return inheritsNothing(o) && Object.values(o).every(protoFree);
  };

  it('the check itself tells a plain object from a prototype-free one', () => {
    expect(inheritsNothing({})).toBe(false);
    expect(inheritsNothing(Object.create(null) as object)).toBe(true);
  });

  it.each([
    ['csv', 'case,activity,amount,case:region\nc1,A,40,north\nc1,B,41,north\n'],
    [
      'jsonl',
      '{"caseId":"c1","attributes":{"customer":{"tier":"gold"}},"events":[{"activity":"A","attributes":{"x":{"y":1}}}]}\n{"caseId":"c2","activity":"A","amount":3,"case:region":"south"}\n',
    ],
    [
      'xes',
      '<log><trace><string key="concept:name" value="t"/><container key="customer"><string key="tier" value="gold"/></container><event><string key="concept:name" value="A"/><int key="n" value="1"/></event></trace></log>',
    ],
  ] as const)('%s', async (format, text) => {
    const { cases } = await readAll(text, { format });
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(protoFree(c.attributes)).toBe(true);
      for (const e of c.events) expect(protoFree(e.attributes ?? Object.create(null))).toBe(true);
    }
  });

  it('LF first, then CRLF: no "\\r" kept in the last field', async () => {
    const { cases } = await readAll('case,activity,note\nc1,A,x\r\nc1,B,y\n', { format: 'csv' }, 3);
    expect(cases[0]!.events.map((e) => e.attributes?.note)).toEqual(['x', 'y']);
  });
});
