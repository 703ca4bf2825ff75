/**
 * Malformed XML must be refused by the XES scanner as clearly as by the saxes reader it replaced
 * (readXesSaxes.ts, the oracle): both reject, and the scanner's message names line and column.
 * Where both see the same XML error, the line and column must be the same too (saxes counts
 * columns independently of our scanner, so this checks the position, not just the verdict).
 */
import { describe, expect, it } from 'vitest';
import { chunked } from '../testing';
import { newSummary } from '../types';
import { readXes } from './readXes';
import { readXesSaxes } from './readXesSaxes';

async function verdict(reader: typeof readXes, text: string, chunk: number): Promise<string> {
  try {
    for await (const _ of reader(chunked(text, chunk), { format: 'xes' }, newSummary()));
  } catch (e) {
    return (e as Error).message;
  }
  return 'ACCEPTED';
}

const POSITION = /^XML error at line (\d+), column (\d+): /;

/** Both readers report an XML error at the same place. */
const SAME_PLACE: Array<[string, string, string]> = [
  [
    'an event never closed',
    '<log>\n<trace>\n  <event>\n  <string key="concept:name" value="A"/>\n</trace>\n</log>',
    '5:8',
  ],
  ['attribute value without quotes', '<log>\n <trace>\n  <string key="a" value=c/>\n </trace>\n</log>', '3:25'],
  ['a space after <', '<log>\n <trace>\n  < string key="a" value="c"/>\n </trace>\n</log>', '3:4'],
  ['stray < in text', '<log>\n <trace>\n  <string key="a" value="c"/> a < b\n </trace>\n</log>', '3:34'],
  ['<< before a tag', '<log>\n <trace><<string key="a" value="c"/></trace>\n</log>', '2:10'],
  ['attribute without =', '<log>\n <trace>\n  <string key "a" value="c"/>\n </trace>\n</log>', '3:15'],
  ['attribute quote never closed', '<log>\n <trace>\n  <string key="a value="c"/>\n </trace>\n</log>', '3:25'],
];

/** Both reject; where they notice differs (saxes reads on, or its reader fails first on meaning). */
const BOTH_REJECT: Array<[string, string, string]> = [
  ['mismatched close tag', '<log>\n  <trace>\n    <event></trace>\n</log>', '3:19'],
  ['input ends inside a tag', '<log>\n <trace>\n  <string key="a" value="c"', '3:28'],
  ['bare & in a value', '<log>\n <trace>\n  <string key="a" value="a & b"/>\n </trace>\n</log>', '3:28'],
  ['unclosed root', '<log>\n <trace>\n </trace>\n', '4:1'],
];

describe('XES scanner on malformed XML (saxes reader as oracle)', () => {
  it.each(SAME_PLACE)('%s: both reject at the same line and column', async (_name, text, where) => {
    for (const chunk of [1, 3, 4096]) {
      const fast = await verdict(readXes, text, chunk);
      const oracle = await verdict(readXesSaxes, text, chunk);
      const f = POSITION.exec(fast);
      const o = POSITION.exec(oracle);
      expect(f, fast).not.toBeNull();
      expect(o, oracle).not.toBeNull();
      expect(`${f![1]}:${f![2]}`).toBe(where);
      expect(`${o![1]}:${o![2]}`).toBe(where);
    }
  });

  it.each(BOTH_REJECT)('%s: both reject, the scanner names line and column', async (_name, text, where) => {
    for (const chunk of [1, 3, 4096]) {
      const oracle = await verdict(readXesSaxes, text, chunk);
      expect(oracle).not.toBe('ACCEPTED');
      const f = POSITION.exec(await verdict(readXes, text, chunk));
      expect(f).not.toBeNull();
      expect(`${f![1]}:${f![2]}`).toBe(where);
    }
  });
});
