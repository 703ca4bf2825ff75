/**
 * Key layouts (eventLayouts.ts) in the one case the equality property cannot reach: a role name
 * that pick() finds on Object.prototype, because some code gave Object.prototype a non-function
 * member. The line has no such key, as the plain reader (whose copy inherits nothing) sees it.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../model/types';
import { chunked } from '../testing';
import { newSummary, type ImportOptions } from '../types';
import { readJsonl } from './readJsonl';
import { readJsonlPlain } from './readJsonlPlain';

async function caseIds(reader: typeof readJsonl, text: string, options: ImportOptions): Promise<string[]> {
  const out: RecordedCase[] = [];
  for await (const c of reader(chunked(text, 4096), options, newSummary())) out.push(c);
  return out.map((c) => c.caseId);
}

describe('JSONL key layouts', () => {
  it('do not take a role from Object.prototype (as the plain reader does not)', async () => {
    const text = '{"activity":"A"}\n{"activity":"B"}\n';
    Object.defineProperty(Object.prototype, 'case', { value: 'inherited', configurable: true, writable: true });
    try {
      const options: ImportOptions = { format: 'jsonl', skipInvalid: true };
      const plain = await caseIds(readJsonlPlain, text, options);
      expect(plain).toEqual([]); // both lines: missing case id
      expect(await caseIds(readJsonl, text, options)).toEqual(plain);
    } finally {
      delete (Object.prototype as Record<string, unknown>).case;
    }
  });
});
