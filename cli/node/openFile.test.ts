import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, newSummary, readCases } from '../../shared/import';
import { memoryIo } from '../io';
import { run } from '../commands/stats';
import { openLog } from './openFile';

const dir = mkdtempSync(join(tmpdir(), 'sop-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv =
  'case,activity,timestamp\n' +
  Array.from({ length: 20_000 }, (_, i) => `c${i >> 2},A${i & 3},2024-01-01T00:00:00Z\n`).join('');

async function count(path: string): Promise<number> {
  const log = await openLog(path);
  let n = 0;
  for await (const c of readCases(log.bytes, { format: log.format }, newSummary())) n += c.events.length;
  return n;
}

describe('openLog', () => {
  it('recognises gzip by its magic bytes, whatever the name', async () => {
    const misnamed = join(dir, 'log.csv');
    writeFileSync(misnamed, gzipSync(csv));
    expect(await openLog(misnamed)).toMatchObject({ format: 'csv', gzip: true });
    expect(await count(misnamed)).toBe(20_000);
    const plain = join(dir, 'plain.csv.gz');
    writeFileSync(plain, csv);
    expect(await openLog(plain)).toMatchObject({ format: 'csv', gzip: false });
    expect(await count(plain)).toBe(20_000);
  });

  it('a truncated gzip file is an ImportError naming the file; stats exits 2', async () => {
    const whole = gzipSync(csv);
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, whole.subarray(0, whole.length - 40));
    await expect(count(cut)).rejects.toThrow(ImportError);
    await expect(count(cut)).rejects.toThrow(/cut\.csv\.gz: the gzip data is truncated or corrupt/);
    const io = memoryIo();
    expect(await run([cut], io)).toBe(2);
    expect(io.stderr.join()).toMatch(/truncated or corrupt/);
  });

  it('a missing file is an ImportError', async () => {
    await expect(openLog(join(dir, 'nope.xes'))).rejects.toThrow(/cannot read .*nope\.xes: no such file/);
  });

  it('stats reads JSONL and an explicit --format', async () => {
    const path = join(dir, 'events.txt');
    writeFileSync(path, '{"caseId":"a","activity":"A"}\n{"caseId":"a","activity":"B"}\n');
    const io = memoryIo();
    expect(await run([path, '--format', 'jsonl', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0]!)).toMatchObject({ cases: 1, events: 2, variants: 1 });
  });
});

describe('stats --max-open-events', () => {
  it('reads a time-sorted CSV whose overlap exceeds the default grouped-file window only when allowed', async () => {
    // 5,000 cases all start before any of them continues: no interleaving is visible in the first 4,096 rows
    const rows = ['case,activity'];
    for (const act of ['A', 'B']) for (let i = 0; i < 5000; i++) rows.push(`c${i},${act}`);
    const path = join(dir, 'sorted-by-time.csv');
    writeFileSync(path, rows.join('\n'));
    const strict = memoryIo();
    expect(await run([path, '--json'], strict)).toBe(2);
    expect(strict.stderr.join()).toMatch(
      /line 5002: case "c0" continues after it was already emitted.*--max-open-events/,
    );
    const allowed = memoryIo();
    expect(await run([path, '--json', '--max-open-events', '20000'], allowed)).toBe(0);
    expect(JSON.parse(allowed.stdout[0]!)).toMatchObject({ cases: 5000, events: 10000, variants: 1 });
  });
});
