/**
 * The XES scanner on its own, with a handler that records what it is told: the tags and
 * attributes it hands on for well-formed input, and for malformed input the message and the
 * line:column it fails at. Every expected trace and position is worked out by hand from the input
 * (columns are 1-based, counted from the line's first character).
 */
import { describe, expect, it } from 'vitest';
import { XmlScanner, type XmlHandler } from './xmlScanner';

/**
 * Runs a scanner over `text` in writes of `chunk` characters. `handler` gets the scanner (to read
 * its line and column); doctype and malformed input throw, the latter as "line:column message".
 */
function runScanner(
  text: string,
  chunk: number,
  handler: (scanner: () => XmlScanner) => Omit<XmlHandler, 'doctype' | 'error'>,
): void {
  const scanner: XmlScanner = new XmlScanner({
    ...handler(() => scanner),
    doctype: () => {
      throw new Error('doctype');
    },
    error: (message) => {
      throw new Error(`${scanner.line}:${scanner.column} ${message}`);
    },
  });
  for (let at = 0; at < text.length; at += chunk) scanner.write(text.slice(at, at + chunk));
  scanner.close();
}

function scan(text: string, chunk = text.length || 1, typed?: (type: string, key: string, value: string) => boolean) {
  const events: string[] = [];
  runScanner(text, chunk, () => ({
    ...(typed
      ? {
          typedAttribute: (t: string, k: string, s: string, from: number, to: number) => typed(t, k, s.slice(from, to)),
        }
      : {}),
    openTag(name, attrs, selfClosing) {
      const pairs: string[] = [];
      for (let i = 0; i < attrs.length; i++) pairs.push(` ${attrs.names[i]}=${JSON.stringify(attrs.values[i])}`);
      events.push(`<${name}${pairs.join('')}${selfClosing ? '/' : ''}>`);
    },
    closeTag: (name) => events.push(`</${name}>`),
  }));
  return events;
}

const failure = (text: string, chunk?: number): string => {
  try {
    scan(text, chunk);
  } catch (e) {
    return (e as Error).message;
  }
  return 'ACCEPTED';
};

describe('XmlScanner: what it hands on', () => {
  it('closing tags with space before the >, in any chunking', () => {
    for (const chunk of [1, 2, 5, 100])
      expect(scan('<log><trace  ></trace \n ></log >', chunk)).toEqual(['<log>', '<trace>', '</trace>', '</log>']);
  });

  it('a self-closing root closes the document: text after it is refused', () => {
    expect(scan('<log/>')).toEqual(['<log/>', '</log>']);
    expect(failure('<log/>\n y')).toBe('2:2 text after the root element');
    expect(failure('  x<log></log>')).toBe('1:3 text before the root element');
    expect(scan(' \n\t<log></log>\r\n ')).toEqual(['<log>', '</log>']);
  });

  it('skips comments, CDATA and processing instructions inside the root, across chunk cuts', () => {
    const text = '<?xml version="1.0"?><log><!-- <a> --><![CDATA[<not a="tag">]]><?pi <b> ?><e/></log>';
    for (const chunk of [1, 3, 7, 1000]) expect(scan(text, chunk)).toEqual(['<log>', '<e/>', '</e>', '</log>']);
  });

  it('decodes references and normalises line breaks in attribute values', () => {
    expect(
      scan('<log a="&lt;&gt;&amp;&quot;&apos;" b="x&#65;&#x42;&#xE000;&#x10000;y" c="1\t2\n3\r\n4\r5"></log>'),
    ).toEqual(['<log a="<>&\\"\'" b="xAB\ue000\u{10000}y" c="1 2 3 4 5">', '</log>']);
    // single quotes hold a double quote
    expect(scan(`<log k='say "hi"'/>`)).toEqual(['<log k="say \\"hi\\""/>', '</log>']);
  });

  it('the typed-attribute fast path: taken when the handler says so, else an ordinary tag', () => {
    const seen: string[] = [];
    const take = (t: string, k: string, v: string) => {
      seen.push(`${t} ${k}=${v}`);
      return k !== 'keep';
    };
    expect(
      scan('<log><trace><string key="a" value="1"/><int key="keep" value="2"/></trace></log>', 1000, take),
    ).toEqual(['<log>', '<trace>', '<int key="keep" value="2"/>', '</int>', '</trace>', '</log>']);
    expect(seen).toEqual(['string a=1', 'int keep=2']);
  });
});

/** Every tag the scanner hands on, with the line it reports while handing it on. */
function scanLines(text: string, chunk = text.length): string[] {
  const events: string[] = [];
  runScanner(text, chunk, (scanner) => ({
    typedAttribute(type, key, s, from, to) {
      events.push(`${scanner().line} ${type} ${key}=${s.slice(from, to)}`);
      return s.slice(from, to) !== 'no';
    },
    openTag: (name, attrs) =>
      void events.push(`${scanner().line} <${name}${attrs.length ? ` ${attrs.get('key')}` : ''}>`),
    closeTag: (name) => void events.push(`${scanner().line} </${name}>`),
  }));
  return events;
}

describe('XmlScanner: events that repeat their layout (matched whole once seen)', () => {
  // three events of one layout, then one with an extra attribute, one with an entity, one indented
  // otherwise, one more of the first layout: line numbers counted by hand from the text
  const event = (a: string, b: string, indent = '  ') =>
    `${indent}<event>\n${indent}  <string key="a.b" value="${a}"/>\n${indent}  <int key="n" value="${b}"/>\n${indent}</event>\n`;
  const text =
    '<log>\n' + // line 1
    event('x', '1') + // lines 2-5
    event('yy', '22') + // 6-9
    event('', '-3') + // 10-13
    '  <event>\n    <string key="a.b" value="q"/>\n    <int key="n" value="4"/>\n    <int key="more" value="5"/>\n  </event>\n' + // 14-18
    event('a&amp;b', '6') + // 19-22
    event('t', '7', '\t') + // 23-26
    event('last', '8') + // 27-30
    '</log>\n'; // 31
  const expected = [
    '1 <log>',
    ...[
      [2, 'x', '1'],
      [6, 'yy', '22'],
      [10, '', '-3'],
    ].flatMap(([l, a, b]) => [
      `${l} <event>`,
      `${Number(l) + 1} string a.b=${a}`,
      `${Number(l) + 2} int n=${b}`,
      `${Number(l) + 3} </event>`,
    ]),
    '14 <event>',
    '15 string a.b=q',
    '16 int n=4',
    '17 int more=5',
    '18 </event>',
    '19 <event>',
    '20 <string a.b>', // the entity: the general scan (decoded, not a typed attribute)
    '20 </string>',
    '21 int n=6',
    '22 </event>',
    '23 <event>',
    '24 string a.b=t',
    '25 int n=7',
    '26 </event>',
    '27 <event>',
    '28 string a.b=last',
    '29 int n=8',
    '30 </event>',
    '31 </log>',
  ];

  it('hands on the same tags, values and lines as attribute by attribute, in any chunking', () => {
    for (const chunk of [1, 7, 64, text.length]) expect(scanLines(text, chunk)).toEqual(expected);
  });

  it('pm4py writes a space before "/>": the same, and a line break there too', () => {
    const pm4py = (v: string, close = ' />') =>
      `\t<event>\n\t\t<string key="concept:name" value="${v}"${close}\n\t\t<int key="n" value="${v.length}" />\n\t</event>\n`;
    const events = scanLines(`<log>\n${pm4py('a')}${pm4py('bb')}${pm4py('ccc', '\n/>')}${pm4py('dddd')}</log>`);
    expect(events).toEqual([
      '1 <log>',
      '2 <event>',
      '3 string concept:name=a',
      '4 int n=1',
      '5 </event>',
      '6 <event>',
      '7 string concept:name=bb',
      '8 int n=2',
      '9 </event>',
      '10 <event>',
      '12 string concept:name=ccc', // its '>' is on the next line
      '13 int n=3',
      '14 </event>',
      '15 <event>',
      '16 string concept:name=dddd',
      '17 int n=4',
      '18 </event>',
      '19 </log>',
    ]);
  });

  it('an error right after a repeated event is placed by line and column', () => {
    const bad = `<log>\n${event('x', '1')}${event('y', '2')}${event('z', '3').slice(0, -1)} <1/>\n</log>`;
    // the third event ends on line 13 with '  </event>' (10 characters): ' ' is column 11, '<' 12, '1' 13
    for (const chunk of [1, 5, bad.length])
      expect(() => scanLines(bad, chunk)).toThrow('13:13 disallowed character in a tag name');
  });

  it('an attribute the handler refuses inside a repeated event is an ordinary tag, in order', () => {
    const meta = (v: string) =>
      `<event>\n<string key="a" value="${v}"/>\n<int key="meta" value="${v}"/>\n<int key="z" value="9"/>\n</event>\n`;
    // the handler refuses the value "no": in the third event (lines 11-15), after two taken whole
    const events = scanLines(`<log>${meta('1')}${meta('2')}${meta('no')}${meta('4')}</log>`);
    expect(events.slice(-15)).toEqual([
      '11 <event>',
      '12 string a=no',
      '12 <string a>',
      '12 </string>',
      '13 int meta=no',
      '13 <int meta>',
      '13 </int>',
      '14 int z=9',
      '15 </event>',
      '16 <event>',
      '17 string a=4',
      '18 int meta=4',
      '19 int z=9',
      '20 </event>',
      '21 </log>',
    ]);
  });
});

describe('XmlScanner: where and why it refuses', () => {
  it.each([
    // '<log>' is columns 1-5; the problem's column is the offending character's
    ['a closing tag without a name', '<log></ ></log>', '1:8 a closing tag without a name'],
    ['junk in a closing tag', '<log></log x>', '1:12 unexpected character in the closing tag </log>'],
    ['a second closing of the root', '<log></log></log>', '1:17 unmatched closing tag: </log>'],
    ['a close that does not match', '<log><a></b></log>', '1:12 unexpected close tag </b>: <a> is open'],
    ['unknown <! markup', '<log><!FOO></log>', '1:6 unrecognised markup "<!F"'],
    ['<!- then not a comment', '<log><!-x></log>', '1:6 unrecognised markup "<!-x"'],
    ['<![ then not CDATA', '<log><![CDAT-></log>', '1:6 unrecognised markup "<![CDAT-"'],
    ['CDATA before the root', '<![CDATA[x]]><log></log>', '1:1 CDATA outside the root element'],
    ['a second root', '<log></log><log></log>', '1:16 more than one root element'],
    ['a / not closing the tag', '<log/ >', "1:5 a '/' in <log> not followed by '>'"],
    ['a digit starting an attribute name', '<log 1a="x"/>', '1:6 disallowed character in an attribute name of <log>'],
    ['attributes run together', '<log a="1"b="2"/>', '1:11 no whitespace between attributes in <log>'],
    ['a tag name starting with a digit', '<log><1a/></log>', '1:7 disallowed character in a tag name'],
    ['an attribute named twice', '<log a="1" a="2"/>', '1:12 duplicate attribute: a'],
    ['< in a value', '<log a="x<y"/>', "1:10 '<' in an attribute value of <log>"],
    [
      'a bare &',
      '<log a="x & y"/>',
      "1:11 an '&' in an attribute value of <log> that starts no reference (write &amp;)",
    ],
    ['a hex reference with no digits', '<log a="&#x;"/>', '1:9 malformed character reference &#x;'],
    ['a reference to a surrogate', '<log a="&#xD800;"/>', '1:9 malformed character reference &#xD800;'],
    ['a reference to FFFE', '<log a="&#xFFFE;"/>', '1:9 malformed character reference &#xFFFE;'],
    ['a reference past U+10FFFF', '<log a="&#x110000;"/>', '1:9 malformed character reference &#x110000;'],
    ['a decimal reference with a letter', '<log a="&#6A;"/>', '1:9 malformed character reference &#6A;'],
    [
      'a long malformed reference is cut at 20 characters',
      '<log a="&#123456789012345678901234;"/>',
      '1:9 malformed character reference &#1234567890123456789;',
    ],
    [
      'an entity of its own',
      '<log a="&nbsp;"/>',
      '1:9 undefined entity &nbsp; (only &amp; &lt; &gt; &quot; &apos; and character references; DTD entities are refused)',
    ],
    ['a second-line problem', '<log>\n  <a b=c/>\n</log>', '2:8 the value of b in <a> is not quoted'],
  ])('%s', (_name, text, expected) => {
    expect(failure(text)).toBe(expected);
    // the same verdict and place when the input arrives one character at a time
    expect(failure(text, 1)).toBe(expected);
  });

  it('at the end of the input: what is still open, placed after its last character', () => {
    // 15 characters: the end is column 16
    expect(failure('<log><!-- never')).toBe('1:16 unclosed comment');
    expect(failure('<log><?pi never')).toBe('1:16 unclosed processing instruction');
    expect(failure('<log><![CDATA[x')).toBe('1:16 unclosed cdata');
    expect(failure('<log>\n<trace>')).toBe('2:8 unclosed tag: <trace>');
    expect(failure('<log a="1"')).toBe('1:11 unexpected end of input inside a tag');
    expect(failure('  \n ')).toBe('2:2 document must contain a root element');
  });

  it('a tag never closed is refused once it passes 16 MiB, not buffered for ever', () => {
    const open = '<log><a b="';
    const mib = 'x'.repeat(1024 * 1024);
    const scanner = new XmlScanner({
      openTag: () => undefined,
      closeTag: () => undefined,
      doctype: () => {
        throw new Error('doctype');
      },
      error: (message) => {
        throw new Error(message);
      },
    });
    scanner.write(open);
    let refused: string | undefined;
    let written = 0;
    try {
      for (; written < 20; written++) scanner.write(mib);
    } catch (e) {
      refused = (e as Error).message;
    }
    expect(refused).toBe("a tag longer than 16 MiB (or a '<' never closed)");
    // 15 writes of 1 MiB are held; the 16th takes the open tag ('<a b="', 6 characters) past 16 MiB
    expect(written).toBe(15);
  });
});
