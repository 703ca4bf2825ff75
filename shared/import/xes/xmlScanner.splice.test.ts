/**
 * The scanner completes a tag cut between two writes from the start of the next write and goes
 * on in that write itself (XmlScanner.write). The oracle is the same document handed over in one
 * write, where nothing is ever cut: every tag, value and line, and every error with its line
 * and column, must be the same however the writes and the join are cut. The documents mix what
 * could go wrong at a cut: repeated event layouts (matched whole), references, line breaks inside
 * tags, comments, CDATA and processing instructions, and tags longer than the join.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlScanner } from './xmlScanner';

function record(text: string, chunk: number, spliceChars?: number): string[] {
  const out: string[] = [];
  const scanner: XmlScanner = new XmlScanner(
    {
      typedAttribute(type, key, s, from, to) {
        out.push(`${scanner.line} ${type} ${key}=${s.slice(from, to)}`);
        return s.slice(from, to) !== 'no'; // refused: handed on again as an ordinary tag
      },
      openTag(name, attrs, selfClosing) {
        const pairs: string[] = [];
        for (let i = 0; i < attrs.length; i++) pairs.push(` ${attrs.names[i]}=${JSON.stringify(attrs.values[i])}`);
        out.push(`${scanner.line} <${name}${pairs.join('')}${selfClosing ? '/' : ''}>`);
      },
      closeTag: (name) => void out.push(`${scanner.line} </${name}>`),
      doctype: () => {
        throw new Error('doctype');
      },
      error: (message) => {
        throw new Error(`${scanner.line}:${scanner.column} ${message}`);
      },
    },
    spliceChars,
  );
  try {
    for (let at = 0; at < text.length; at += chunk) scanner.write(text.slice(at, at + chunk));
    scanner.close();
  } catch (e) {
    out.push(`error ${(e as Error).message}`);
  }
  return out;
}

const value = fc.constantFrom('x', 'yy', '', 'no', 'a&amp;b', '1.5', 'line\nbreak', 'tab\there');
const event = fc
  .record({
    a: value,
    n: fc.constantFrom('1', '-3', 'no'),
    close: fc.constantFrom('/>', ' />', '\n/>'),
    extra: fc.boolean(),
  })
  .map(
    ({ a, n, close, extra }) =>
      `\t<event>\n\t\t<string key="concept:name" value="${a}"${close}\n\t\t<int key="n" value="${n}"/>\n` +
      (extra ? '\t\t<float key="more" value="2.5"/>\n' : '') +
      '\t</event>\n',
  );
const piece = fc.oneof(
  { weight: 8, arbitrary: event },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 900 }).map((k) => `<!-- ${'-x'.repeat(k)} -->`) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 300 }).map((k) => `<event><![CDATA[${'<]>'.repeat(k)}]]></event>\n`),
  },
  { weight: 1, arbitrary: fc.constant('<?pi some data?>\n') },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 6000 }).map((k) => `<string key="long" value="${'v'.repeat(k)}"/>\n`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }).map((k) => ' \n'.repeat(k)) },
);
/** Now and then something malformed, placed anywhere: the error and its position must not depend on the cuts. */
const bad = fc
  .tuple(
    fc.constantFrom('<1/>', '<string key="k" value="&foo;"/>', '</wrong>', '<a b="1"c="2"/>', '<!DOCTYPE x>'),
    fc.integer({ min: 0, max: 1000 }),
  )
  // after a long line of short tags: a join completes one of them, and the error's column, far
  // along the line in the write itself, is counted from the line's start before the join
  .map(([b, k]) => `${'<e/>'.repeat(k)}${b}`);
const documents = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.option(fc.tuple(bad, fc.nat()), { freq: 4 }))
  .map(([pieces, broken]) => {
    if (broken) pieces.splice(broken[1] % (pieces.length + 1), 0, broken[0]);
    return `<?xml version="1.0"?>\n<log>\n${pieces.join('')}</log>\n`;
  });

describe('XmlScanner: a tag cut between writes is completed from the next one', () => {
  it('hands on the same as one write, however the writes and the join are cut', () => {
    fc.assert(
      fc.property(
        documents,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 300 }),
        (text, chunk, splice) => {
          expect(record(text, chunk, splice)).toEqual(record(text, text.length));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('with the default join, on pieces the size the readers write', () => {
    const whole = `<log>\n${fc.sample(piece, { numRuns: 3000, seed: 3 }).join('')}</log>\n`;
    expect(whole.length).toBeGreaterThan(200_000);
    const expected = record(whole, whole.length);
    expect(expected.length).toBeGreaterThan(1000);
    for (const chunk of [5000, 65_536]) expect(record(whole, chunk)).toEqual(expected);
  });
});
