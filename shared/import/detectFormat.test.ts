/** detectFormat: the name decides the format, the first bytes decide gzip and, without a known extension, the format. */
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detectFormat';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it.each([
    ['LOG.XML', undefined, 'xes', false],
    ['a.json', undefined, 'jsonl', false],
    ['a.TSV', undefined, 'csv', false],
    ['notes.txt', undefined, 'csv', false],
    ['a.xes.gzip', undefined, 'xes', true],
    ['a.jsonl.GZ', undefined, 'jsonl', true],
    ['a.csv.gz', undefined, 'csv', true],
    ['a.gz', undefined, 'csv', true],
    ['no-extension', undefined, 'csv', false],
    ['a.csv.zip', undefined, 'csv', false],
  ] as const)('by name: %s', (name, head, format, gzip) => {
    expect(detectFormat(name, head)).toEqual({ format, gzip });
  });

  it.each([
    ['data', text(' \t\r\n<log'), 'xes', false],
    ['data', text('\n{'), 'jsonl', false],
    ['data', bytes(0xef, 0xbb, 0xbf, 0x7b), 'jsonl', false],
    ['data', bytes(0xef, 0xbb, 0xbf), 'csv', false], // nothing after the BOM
    ['data', text('   '), 'csv', false],
    ['data', bytes(), 'csv', false],
    ['data', text('<'), 'xes', false], // one byte: too short for gzip magic, enough for "<"
    ['data', bytes(0x1f, 0x8b), 'csv', true], // gzip: the content is unknown until inflated
    ['data.gz', bytes(0x1f), 'csv', true], // one byte: gzip by name
    ['data.gz', text('<log'), 'xes', false], // named .gz but plain
    ['data.gz', bytes(0x1f, 0x8c), 'csv', false],
    ['log.csv', text('<log'), 'csv', false], // the name wins for the format
    ['data', text('x<'), 'csv', false],
  ] as const)('by bytes: %s %j', (name, head, format, gzip) => {
    expect(detectFormat(name, head)).toEqual({ format, gzip });
  });
});
