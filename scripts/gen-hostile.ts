/**
 * Writes the large hostile inputs of issue #17 (too big to keep in git): a 10,000-level compound
 * nesting, a 10,000-state chain and a 10,000-branch state for the HTML report, and a log with a
 * 200,000-character note for the regex guards. Deterministic: same output every time.
 *
 *   node bin/run-ts.mjs scripts/gen-hostile.ts <out-dir>
 *
 * scripts/hostile.test.ts calls generateLargeHostile() when HOSTILE_LARGE=1 (npm run test:hostile).
 * Documents are built as text: JSON.stringify itself overflows the stack on 10,000 levels.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const HEAD = (name: string) =>
  `{"format":"sop-studio/graph@1","name":"${name}","version":1,"rollout":"observe","caseSchema":{},"agents":{},"tools":{},"layout":{},`;

/** `levels` compound states nested in one another, the innermost final. */
function deepGraph(levels: number): string {
  let state = '{"type":"final"}';
  for (let i = levels; i >= 2; i--) state = `{"initial":"s${i}","states":{"s${i}":${state}}}`;
  return `${HEAD(`deep ${levels}`)}"machine":{"id":"deep","initial":"s1","states":{"s1":${state}}}}\n`;
}

/** A chain of `n` states, each with one human branch to the next, then a final state. */
function chainGraph(n: number): string {
  const states: string[] = [];
  for (let i = 0; i < n; i++)
    states.push(`"s${i}":{"meta":{"activity":"Step ${i}"},"on":{"NEXT":"${i + 1 < n ? `s${i + 1}` : 'done'}"}}`);
  states.push('"done":{"type":"final","meta":{"activity":"Done"}}');
  return `${HEAD(`chain ${n}`)}"machine":{"id":"chain","initial":"s0","states":{${states.join(',')}}}}\n`;
}

/** One state with `n` event branches into `targets` states (every one reachable, all human tier). */
function branchesGraph(n: number, targets = 50): string {
  const on: string[] = [];
  for (let i = 0; i < n; i++) on.push(`"E${i}":"t${i % targets}"`);
  const states = [`"triage":{"meta":{"activity":"Triage"},"on":{${on.join(',')}}}`];
  for (let t = 0; t < targets; t++) states.push(`"t${t}":{"meta":{"activity":"Target ${t}"},"on":{"CLOSE":"done"}}`);
  states.push('"done":{"type":"final","meta":{"activity":"Done"}}');
  return `${HEAD(`branches ${n}`)}"machine":{"id":"branches","initial":"triage","states":{${states.join(',')}}}}\n`;
}

/** Cases whose note is `length` characters: all "a" (no match for a*…b) and all "x" then "!". */
function longNoteCsv(length: number): string {
  const rows = ['case_id,activity,timestamp,note'];
  const notes = ['a'.repeat(length), 'x'.repeat(length - 1) + '!'];
  notes.forEach((note, i) =>
    rows.push(`c${i + 1},Triage,2024-01-01T10:00:00Z,${note}`, `c${i + 1},Close,2024-01-01T11:00:00Z,${note}`),
  );
  return rows.join('\n') + '\n';
}

/** A two-event log for the chain and branch graphs (the report needs a log to replay). */
const tinyLog = 'case_id,activity,timestamp\nc1,Step 0,2024-01-01T10:00:00Z\nc2,Triage,2024-01-01T10:00:00Z\n';

export const LARGE_FILES = {
  deep: 'deep-10000.sop.json',
  chain: 'chain-10000.sop.json',
  branches: 'branches-10000.sop.json',
  longNotes: 'long-notes-200k.csv',
  tinyLog: 'tiny.csv',
} as const;

/** Write every large input into `dir`; returns the directory. */
export async function generateLargeHostile(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, LARGE_FILES.deep), deepGraph(10_000));
  await writeFile(join(dir, LARGE_FILES.chain), chainGraph(10_000));
  await writeFile(join(dir, LARGE_FILES.branches), branchesGraph(10_000));
  await writeFile(join(dir, LARGE_FILES.longNotes), longNoteCsv(200_000));
  await writeFile(join(dir, LARGE_FILES.tinyLog), tinyLog);
  return dir;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node bin/run-ts.mjs scripts/gen-hostile.ts <out-dir>');
    process.exitCode = 2;
  } else {
    await generateLargeHostile(resolve(out));
    console.log(`wrote ${Object.values(LARGE_FILES).join(', ')} to ${resolve(out)}`);
  }
}
