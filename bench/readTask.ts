/**
 * One read-bench measurement in its own process (its own peak RSS):
 *   node bin/run-ts.mjs bench/readTask.ts <floor|read|simulate> <log> [graph.json]
 * floor: the least any reader must do with these bytes — CSV: read + decode + split every field
 * on ','; JSONL: read + decode + JSON.parse every line; XES (.gz): (gunzip +) read + decode +
 * split lines. read: shared/import's readCaseBatches (as `sop-studio simulate` reads), counting
 * cases and events. simulate: the same into shared/replay's simulate. Prints one JSON line.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createGunzip } from 'node:zlib';
import { logReadOptions, openLog } from '../cli/node/openFile';
import { NodeUtf8Decoder } from '../cli/node/utf8Decoder';
import { readCaseBatches } from '../shared/import';
import { parseGraphDocument } from '../shared/model/parse';
import { simulate } from '../shared/replay';

const [mode, logPath, graphPath] = process.argv.slice(2);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * The file's text in the slices a reader sees (1 MiB reads, as cli/node/openFile does), decoded
 * by the decoder the readers get from openLog (the fastest this floor knows, so it stays a floor).
 */
async function* text(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream: AsyncIterable<Uint8Array> = path.endsWith('.gz')
    ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 }))
    : raw;
  const decoder = new NodeUtf8Decoder();
  for await (const chunk of stream) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/** Calls `each` on every complete line of the file. */
async function lines(path: string, each: (line: string) => void): Promise<number> {
  let pending = '';
  let n = 0;
  for await (const t of text(path)) {
    const s = pending + t;
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      each(s.substring(start, nl));
      n++;
      start = nl + 1;
    }
    pending = s.substring(start);
  }
  if (pending) {
    each(pending);
    n++;
  }
  return n;
}

async function floor(path: string): Promise<Record<string, unknown>> {
  let fieldsSeen = 0;
  let parsed = 0;
  let chars = 0;
  const n = path.endsWith('.csv')
    ? await lines(path, (l) => void (fieldsSeen += l.split(',').length))
    : path.endsWith('.jsonl')
      ? await lines(path, (l) => void (l && (parsed += JSON.parse(l) ? 1 : 0)))
      : await lines(path, (l) => void (chars += l.length));
  return { lines: n, fields: fieldsSeen, parsed, chars };
}

async function main(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const c0 = cpuMs();
  const done = (extra: Record<string, unknown>) => ({ ...extra, ms: performance.now() - t0, cpuMs: cpuMs() - c0 });
  if (mode === 'floor') return done(await floor(logPath!));
  const opened = await openLog(logPath!);
  if (mode === 'read') {
    let cases = 0;
    let events = 0;
    for await (const batch of readCaseBatches(opened.bytes, logReadOptions(opened))) {
      for (const c of batch) {
        cases++;
        events += c.events.length;
      }
    }
    return done({ cases, events });
  }
  if (mode === 'simulate') {
    const parsed = parseGraphDocument(readFileSync(graphPath!, 'utf8'));
    if (!parsed.ok) throw new Error(`bad graph: ${parsed.errors[0]?.message}`);
    const r = await simulate(parsed.doc, readCaseBatches(opened.bytes, logReadOptions(opened)));
    return done({ cases: r.totals.cases, steps: r.totals.steps, totals: r.totals });
  }
  throw new Error(`unknown mode ${mode}`);
}

const result = await main();
console.log(JSON.stringify({ mode, ...result, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
