/** Helpers for the importers' tests: text → byte streams cut at chosen points, collecting cases. */
import type { AttrValue, RecordedCase } from '../model/types';
import { readCases } from './index';
import { newSummary, type ImportOptions, type ImportSummary } from './types';
import { typeCell } from './values';

/** The UTF-8 bytes of `text`, delivered in chunks of `size` bytes (cutting characters and CRLFs). */
export async function* chunked(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Reads every case of `text`; returns them with the summary. */
export async function readAll(
  text: string | Uint8Array,
  options: ImportOptions,
  chunkSize = 7,
): Promise<{ cases: RecordedCase[]; summary: ImportSummary }> {
  const summary = newSummary();
  const cases: RecordedCase[] = [];
  for await (const c of readCases(chunked(text, chunkSize), options, summary)) cases.push(c);
  return { cases, summary };
}

/** The ImportError (or other error) reading `text` ends with. */
export async function readError(text: string | Uint8Array, options: ImportOptions, chunkSize = 4096): Promise<Error> {
  try {
    await readAll(text, options, chunkSize);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the import to fail, it succeeded');
}

/** Activities of each case, for compact assertions. */
export function traces(cases: RecordedCase[]): Record<string, string[]> {
  return Object.fromEntries(cases.map((c) => [c.caseId, c.events.map((e) => e.activity)]));
}

/** Test oracle: the typed attributes of the given (name, cell text) pairs, an empty cell absent; undefined when none. */
export function typedCells(cells: Array<[string, string]>): Record<string, AttrValue> | undefined {
  let out: Record<string, AttrValue> | undefined;
  for (const [k, v] of cells) if (v !== '') (out ??= {})[k] = typeCell(v);
  return out;
}
