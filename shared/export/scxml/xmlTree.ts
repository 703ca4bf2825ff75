/**
 * A small, safe XML reader for SCXML: saxes with namespaces, into a plain element tree.
 * DOCTYPE declarations are refused outright (no DTD, hence no custom entities, no entity
 * expansion attacks); saxes itself rejects any entity other than the five predefined ones.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name, e.g. "transition". */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by qualified name as written (e.g. "sop:tier"), plus `{uri}local` for namespaced ones. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text and CDATA directly inside this element. */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/**
 * Deepest element nesting read. SCXML needs about two elements per state level (state, then
 * transition / onentry / send), and graphs nest at most MAX_STATE_DEPTH (64) levels; deeper input
 * is refused while reading, before any tree walk.
 */
const MAX_XML_DEPTH = 256;

/** Parse a document; throws XmlError on malformed XML, a DOCTYPE, an unknown entity or nesting past MAX_XML_DEPTH. */
export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: string | null = null;
  parser.on('error', (e) => {
    failure ??= e.message;
  });
  parser.on('doctype', () => {
    failure ??= 'DOCTYPE declarations are not allowed (no DTDs, no custom entities)';
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH)
      throw new XmlError(`elements are nested more than ${MAX_XML_DEPTH} levels deep; the limit is ${MAX_XML_DEPTH}`);
    const t = tag;
    const attrs = Object.create(null) as Record<string, string>;
    for (const a of Object.values(t.attributes)) {
      attrs[a.name] = a.value;
      if (a.uri && a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[`{${a.uri}}${a.local}`] = a.value;
    }
    const el: XmlElement = { name: t.local, ns: t.uri ?? '', attrs, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(source).close();
  } catch (e) {
    if (e instanceof XmlError) throw e;
    failure ??= (e as Error).message;
  }
  if (failure) throw new XmlError(failure);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Characters XML 1.0 cannot carry at all (not even as character references). */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string can be written in XML 1.0 as is (escaping aside). */
export function xmlSafe(text: string): boolean {
  return !NOT_XML.test(text);
}

/** JSON text that XML can carry: JSON escapes control characters; U+FFFE/U+FFFF are escaped too. */
export function xmlJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * Escape text for an XML attribute value. Tabs and line breaks become character references:
 * a parser would otherwise normalise them to spaces (a multi-line CEL guard must survive).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Escape character data (element text): quotes need no escaping there, which keeps JSON readable; CR is kept as a reference. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
