/**
 * A streaming XML scanner for XES: start tags (with attributes), end tags, and everything XES
 * readers skip (text, comments, CDATA, processing instructions, the XML declaration). Written
 * for speed on XES's small grammar: measured on the bench log, saxes, htmlparser2 and ltx each
 * spent 4–5× the time of a plain tag scan before any reader work (bench/read.ts, README).
 *
 * It checks what a reader's output depends on — tags nest and match, attribute syntax
 * (quotes, `=`, whitespace between attributes, no duplicates, no `<` in a value), entity and
 * character references (only the five predefined entities; anything else is an error, never
 * expanded), one root element — and refuses a DOCTYPE outright (no DTD, no entity
 * declarations). Attribute values are normalised as XML says (tab, CR, LF, CRLF → one space).
 * It does not check that text holds only XML characters, nor the XML declaration's placement.
 *
 * Memory is bounded: text, comments, CDATA and processing instructions are skipped as they
 * stream (only their last few characters are kept across chunks); a tag longer than
 * {@link MAX_TAG_CHARS} is an error.
 */

/** Attributes of the current start tag, valid until the handler returns (reused, no allocation per tag). */
export class TagAttributes {
  names: string[] = [];
  values: string[] = [];
  length = 0;

  get(name: string): string | undefined {
    for (let i = 0; i < this.length; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }
}

/** The attributes of a run template, as {@link XmlHandler.typedRun} gets them: the same object for every run it matches. */
export interface TypedRun {
  readonly types: readonly string[];
  readonly keys: readonly string[];
  /** The handler's own use: what it worked out once for this run (e.g. what to do with each key). */
  memo: unknown;
}

export interface XmlHandler {
  /**
   * Fast path for a self-closing `<type key="k" value="v"/>`, a simple XES attribute with plain
   * values (no reference, no line break or tab): the value is `text.substring(from, to)`, handed
   * over as positions so a number can be read without cutting out a string. `text` is valid only
   * during the call. Return true when handled, false to receive it as openTag + closeTag instead.
   */
  typedAttribute?(type: string, key: string, text: string, from: number, to: number): boolean;
  /**
   * A whole run of such attributes at once (one call per event instead of one per attribute):
   * value j is `text.substring(bounds[2j], bounds[2j + 1])`. It must not throw: {@link
   * XmlScanner.line} is that of the run's end. Return false (having done nothing) to receive
   * them one by one through typedAttribute instead.
   */
  typedRun?(run: TypedRun, text: string, bounds: readonly number[]): boolean;
  /** A start tag; `selfClosing` for `<x/>` (closeTag follows at once). */
  openTag(name: string, attrs: TagAttributes, selfClosing: boolean): void;
  closeTag(name: string): void;
  /** A `<!DOCTYPE`: must throw. */
  doctype(): never;
  /** Malformed XML: must throw an error saying `message`. */
  error(message: string): never;
}

/** Longest start or end tag accepted (an XES attribute tag is well under 1 KiB). */
const MAX_TAG_CHARS = 16 * 1024 * 1024;

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const AMP = 38;
const NL = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;

const isSpace = (c: number): boolean => c === SPACE || c === NL || c === TAB || c === CR;
/** XML NameStartChar, ASCII exactly; every non-ASCII code unit is let through. */
const isNameStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 128;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;

/** Where skipped markup ends, by kind. */
const TERMINATOR = { comment: '-->', cdata: ']]>', pi: '?>' } as const;
type Skipping = keyof typeof TERMINATOR;

const INCOMPLETE = -1;
/** {@link XmlScanner.scan} ended inside skipped markup. */
const SKIPPED = -2;
/** See {@link XmlScanner.write}: a cut tag (under 100 characters in XES) is completed within this. */
const SPLICE_CHARS = 4096;

/** The `<!` markup XES may hold (a DOCTYPE is recognised only to be refused). */
const MARKUP_OPENINGS = ['<!--', '<![CDATA[', '<!DOCTYPE'];

/**
 * The shape of nearly every XES line, `<string key="k" value="v"/>`, checked in one go with a
 * regex `test` (native code, and unlike `exec` no match array and no substrings: those were
 * half the cost of the scan); the key and value are then found by their quotes. Anything else,
 * and a tag the chunk cuts, goes through the general scan in {@link XmlScanner.scanStartTag}.
 */
const TYPED_ATTRIBUTE = /<(?:string|date|int|float|boolean|id) key="[^"<&\t\n\r]*" value="[^"<&\t\n\r]*"[ \t\n]*\/>/y;
/** Length of `" value="`, between the key's closing quote and the value. */
const VALUE_OPENING = 9;

/** The XES simple type of a tag {@link TYPED_ATTRIBUTE} matched, from its first two characters. */
function typedName(c1: number, c2: number): string {
  switch (c1) {
    case 115 /* s */:
      return 'string';
    case 100 /* d */:
      return 'date';
    case 102 /* f */:
      return 'float';
    case 98 /* b */:
      return 'boolean';
    default: // i
      return c2 === 110 /* n */ ? 'int' : 'id';
  }
}

/**
 * Names XES repeats on every line, by length: handed out as these constants instead of a new
 * substring per tag (the substrings were most of the scanner's garbage).
 */
const COMMON_NAMES: string[][] = [];
for (const name of [
  'key',
  'value',
  'string',
  'date',
  'int',
  'float',
  'boolean',
  'id',
  'event',
  'trace',
  'list',
  'container',
  'values',
  'global',
  'scope',
]) {
  (COMMON_NAMES[name.length] ??= []).push(name);
}

function nameAt(buf: string, from: number, to: number): string {
  const candidates = COMMON_NAMES[to - from];
  if (candidates !== undefined) {
    // cut and compared: startsWith of a variable needle costs several times more on V8
    const cut = buf.substring(from, to);
    for (const name of candidates) if (name === cut) return name;
    return cut;
  }
  return buf.substring(from, to);
}

/** A run of fast-path attributes as seen, to make a {@link RunTemplate} of. */
class RunRecording {
  parent = '';
  types: string[] = [];
  keys: string[] = [];
  /** The text between each attribute and the one before it (whitespace, for a template). */
  gaps: string[] = [];
  /** Each attribute's end from the value's closing quote: `"/>`, `" />` (pm4py), … */
  closes: string[] = [];
  /** End of the last attribute recorded, in the scanner's buffer. */
  end = 0;
  length = 0;
  /** When the parent is a plain `<event>`/`<trace>` the run began: the text between it and the run. */
  head: string | undefined = undefined;
  /** When the parent's end tag followed the run: the text between them. */
  tail: string | undefined = undefined;
}

/**
 * Events repeat their layout: the same typed keys in the same order, indented the same way. A
 * run recorded once becomes one sticky regex matching the whole run (`test`: no captures, the
 * values are found from their fixed offsets): one native match per event instead of a scan per
 * attribute. Anything else fails to match and goes attribute by attribute, as before.
 */
interface RunTemplate extends TypedRun {
  re: RegExp;
  /** Characters from the end of the value before (or the template's start) to each value. */
  leads: number[];
  /** Line breaks between the run's start and each attribute. */
  lines: number[];
  newlines: number;
  /** Characters from the last value's end to the template's end (all literal): that value's end without a search. */
  lastTail: number;
  /**
   * Where the last line break is: in the gap before attribute `lastBreak` (`breakOffset`
   * characters before its value), or when that is the number of attributes, in the text after
   * the last (`breakOffset` characters before the template's end); -1: none.
   */
  lastBreak: number;
  breakOffset: number;
}

/**
 * The string table's copy of `s`: a key compared with the reader's constants and stored as a
 * property name on every event, compared by pointer and stored without a string table lookup.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

/** Bounds on a template, so a hostile run (a million attributes, megabytes of indentation) makes none. */
const MAX_TEMPLATE_ATTRIBUTES = 64;
const MAX_TEMPLATE_CHARS = 16 * 1024;

const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** A template of the recorded run; `element`: of the whole parent element, its tags and run (see {@link RunRecording.head}). */
function buildTemplate(run: RunRecording, element: boolean): RunTemplate | undefined {
  const k = run.length;
  /** The text before each attribute, and after the last. */
  const gaps: string[] = [];
  for (let j = 0; j < k; j++) gaps.push(j > 0 ? run.gaps[j]! : element ? run.head! : '');
  gaps.push(element ? run.tail! : '');
  for (const gap of gaps) if (!WHITESPACE_ONLY.test(gap)) return undefined; // a comment or the like between them
  // a line break inside a tag would move the lines of the tags after it within the run
  for (let j = 0; j < k; j++) if (run.closes[j]!.includes('\n')) return undefined;
  const open = element ? `<${run.parent}>` : '';
  let source = escapeRegExp(open);
  const leads: number[] = [];
  const lines: number[] = [];
  let newlines = 0;
  let lastBreak = -1;
  let breakOffset = 0;
  let lastTail = 0;
  for (let j = 0; j <= k; j++) {
    const gap = gaps[j]!;
    for (let i = gap.indexOf('\n'); i >= 0; i = gap.indexOf('\n', i + 1)) newlines++;
    const br = gap.lastIndexOf('\n');
    const fixed = j < k ? `<${run.types[j]!} key="${run.keys[j]!}" value="` : element ? `</${run.parent}>` : '';
    if (br >= 0) {
      lastBreak = j;
      breakOffset = gap.length - br - 1 + fixed.length;
    }
    if (j === k) {
      lastTail = (k > 0 ? run.closes[k - 1]!.length : 0) + gap.length + fixed.length;
      source += gap + escapeRegExp(fixed);
    } else {
      leads.push((j === 0 ? open.length : run.closes[j - 1]!.length) + gap.length + fixed.length);
      lines.push(newlines);
      source += `${gap}<${run.types[j]!} key="${escapeRegExp(run.keys[j]!)}" value="[^"<&\\t\\n\\r]*${escapeRegExp(run.closes[j]!)}`;
    }
  }
  if (source.length > MAX_TEMPLATE_CHARS) return undefined;
  return {
    re: new RegExp(source, 'y'),
    types: run.types.slice(0, k),
    keys: run.keys.slice(0, k),
    memo: undefined,
    leads,
    lines,
    newlines,
    lastTail,
    lastBreak,
    breakOffset,
  };
}

export class XmlScanner {
  /** Line of the last character scanned so far (1-based; at a tag event: the line of its `>`). */
  line = 1;
  private buf = '';
  /** Where in {@link buf} the line of {@link counted} begins (negative once that start was cut off). */
  private lineStart = 0;
  /** Position in {@link buf} up to which newlines are counted into {@link line}. */
  private counted = 0;
  private readonly attrs = new TagAttributes();
  /** Keys of the fast-path attributes of the last element, by position (see {@link typedAttribute}). */
  private readonly keys: string[] = [];
  /** The value positions of a template run (see {@link XmlHandler.typedRun}), reused. */
  private readonly bounds: number[] = [];
  /** Position of the next fast-path attribute in its element. */
  private slot = 0;
  /** The last run of fast-path attributes seen by parent element name, as a one-regex template. */
  private readonly templates = new Map<string, RunTemplate>();
  /** The run being recorded to make a template of (see {@link typedAttribute}). */
  private readonly run = new RunRecording();
  /**
   * Templates of whole elements (`<event>`, its run, `</event>`): a run that filled its element.
   * Only `<event>` and `<trace>` get one (see {@link plainOpen}): two fields, not a Map looked up per event.
   */
  private eventElement: RunTemplate | undefined;
  private traceElement: RunTemplate | undefined;
  /** End of the last `<event>` or `<trace>` opened by the fast path, while no other tag came since (else -1). */
  private plainOpen = -1;
  private templateHits = 0;
  private templateBuilds = 0;
  private readonly open: string[] = [];
  private sawRoot = false;
  private rootClosed = false;
  /** Inside a comment, CDATA section or processing instruction that has not ended yet. */
  private skipping: Skipping | undefined;
  /** Where the skipped markup's content starts in {@link buf} (its opening is not searched). */
  private skipFrom = 0;
  /** Position of the next newline at or after {@link counted}: -2 unknown, Infinity none. */
  private nextNl = -2;
  /** A tag cut by the chunk is scanned again only once the text has doubled (linear on a huge tag). */
  private waitFor = 0;

  /** `spliceChars`: see {@link write} (tests set it small, to cut tags everywhere). */
  constructor(
    private readonly handler: XmlHandler,
    private readonly spliceChars = SPLICE_CHARS,
  ) {}

  /** Column (1-based) of the last character scanned so far, on {@link line}. */
  get column(): number {
    return this.counted - this.lineStart + 1;
  }

  /**
   * Scans the next piece of text. A tag the last piece cut is completed from the first
   * {@link spliceChars} of this one and scanned in that short join; the rest of the piece is
   * scanned as it came. Joining the whole piece instead copied every slice of the file once
   * more, and left a cons string that every read of the buffer went through.
   */
  write(text: string): void {
    const held = this.buf.length;
    const splice = this.spliceChars;
    if (held === 0 || this.skipping !== undefined || text.length <= splice || held + splice < this.waitFor)
      return this.joinAndScan(text);
    this.buf = this.buf + text.substring(0, splice);
    this.nextNl = -2;
    this.waitFor = 0;
    const stop = this.scan(0);
    if (stop === SKIPPED) return this.joinAndScan(text.substring(splice)); // a comment or the like runs on
    if (stop < held) {
      // the cut tag is longer than the join: as if the whole piece had been joined
      this.cut(stop);
      return this.joinAndScan(text.substring(splice));
    }
    // on in the piece itself, from where the join stopped
    this.countTo(stop);
    this.buf = text;
    this.lineStart -= held;
    this.counted = stop - held;
    this.nextNl = -2;
    this.run.length = 0; // (its positions were in the join)
    this.plainOpen = -1;
    this.scanAndCut(stop - held);
  }

  /** Scans the text held so far joined with `text` (see {@link write}). */
  private joinAndScan(text: string): void {
    const buf = this.buf === '' ? text : this.buf + text;
    this.buf = buf;
    this.nextNl = -2;
    if (buf.length < this.waitFor) {
      if (buf.length > MAX_TAG_CHARS)
        this.failAt(buf.length, `a tag longer than ${MAX_TAG_CHARS / 1024 / 1024} MiB (or a '<' never closed)`);
      return;
    }
    this.waitFor = 0;
    let pos = 0;
    if (this.skipping !== undefined) {
      const terminator = TERMINATOR[this.skipping];
      const end = buf.indexOf(terminator);
      if (end < 0) return this.keepTail(buf.length - (terminator.length - 1));
      pos = end + terminator.length;
      this.skipping = undefined;
    }
    this.scanAndCut(pos);
  }

  /** Scans {@link buf} from `pos` and keeps what is left (a cut tag) for the next piece. */
  private scanAndCut(pos: number): void {
    const stop = this.scan(pos);
    if (stop === SKIPPED) return;
    this.cut(stop);
    if (this.buf.length > 0) this.waitFor = 2 * this.buf.length;
    if (this.buf.length > MAX_TAG_CHARS)
      this.failAt(this.buf.length, `a tag longer than ${MAX_TAG_CHARS / 1024 / 1024} MiB (or a '<' never closed)`);
  }

  /**
   * Hands on every complete tag in {@link buf} from `pos`: where the first incomplete one starts
   * (or the end), or SKIPPED when the buffer ends inside a comment or the like (then it has
   * been cut already, see {@link keepTail}).
   */
  private scan(from: number): number {
    const buf = this.buf;
    const n = buf.length;
    let pos = from;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        this.text(pos, n);
        return n;
      }
      if (lt > pos) this.text(pos, lt);
      const c = buf.charCodeAt(lt + 1);
      let end: number;
      if (c === 33 /* ! */ || c === 63 /* ? */) {
        end = this.markup(lt);
        if (end === INCOMPLETE) {
          if (this.skipping === undefined) return lt;
          this.keepTail(this.skipFrom);
          return SKIPPED;
        }
      } else if (c === SLASH) {
        end = this.endTag(lt);
        if (end === INCOMPLETE) return lt;
      } else if (lt + 1 < n) {
        end = this.startTag(lt);
        if (end === INCOMPLETE) return lt;
      } else {
        return lt; // a lone '<' ends the piece
      }
      pos = end;
    }
    return pos;
  }

  /** End of input: everything must be closed. */
  close(): void {
    this.waitFor = 0;
    this.write('');
    this.countTo(this.buf.length); // what is wrong now is at the end of the input
    if (this.skipping !== undefined)
      this.fail(`unclosed ${this.skipping === 'pi' ? 'processing instruction' : this.skipping}`);
    if (this.buf.length > 0) this.fail('unexpected end of input inside a tag');
    if (this.open.length > 0) this.fail(`unclosed tag: <${this.open[this.open.length - 1]}>`);
    if (!this.sawRoot) this.fail('document must contain a root element');
  }

  /** Fails at the position counted to (callers count to where the problem is first). */
  private fail(message: string): never {
    return this.handler.error(message);
  }

  /** Counts newlines up to `to` into {@link line}. */
  private countTo(to: number): void {
    if (to <= this.counted) return;
    const buf = this.buf;
    // the next newline is remembered, so a file without line breaks is not rescanned per tag
    let i = this.nextNl === -2 || this.nextNl < this.counted ? buf.indexOf('\n', this.counted) : this.nextNl;
    if (i < 0) i = Infinity;
    while (i < to) {
      this.line++;
      this.lineStart = i + 1;
      i = buf.indexOf('\n', i + 1);
      if (i < 0) i = Infinity;
    }
    this.nextNl = i;
    this.counted = to;
  }

  /** Drops the scanned text before `pos` (its newlines counted). */
  private cut(pos: number): void {
    this.countTo(pos);
    this.buf = pos >= this.buf.length ? '' : this.buf.substring(pos);
    this.run.length = 0; // its positions are gone
    this.plainOpen = -1;
    this.lineStart -= pos;
    this.counted = 0;
    this.nextNl = -2;
  }

  /** Keeps only the text from `from` on (inside skipped markup: enough to find its terminator). */
  private keepTail(from: number): void {
    this.cut(Math.max(0, from));
  }

  /** Text between tags: ignored by XES readers, but none is allowed outside the root element. */
  private text(from: number, to: number): void {
    if (this.open.length > 0) return;
    const buf = this.buf;
    for (let i = from; i < to; i++) {
      if (!isSpace(buf.charCodeAt(i))) {
        this.countTo(i);
        this.fail(this.rootClosed ? 'text after the root element' : 'text before the root element');
      }
    }
  }

  /** `<!…` or `<?…` at `lt`: end position, or INCOMPLETE (then maybe {@link skipping} is set). */
  private markup(lt: number): number {
    const buf = this.buf;
    const kind: Skipping | 'doctype' | undefined = buf.startsWith('<!--', lt)
      ? 'comment'
      : buf.startsWith('<![CDATA[', lt)
        ? 'cdata'
        : buf.startsWith('<?', lt)
          ? 'pi'
          : buf.startsWith('<!DOCTYPE', lt)
            ? 'doctype'
            : undefined;
    if (kind === undefined) {
      // maybe the start of one of the above, cut by the chunk
      const head = buf.substring(lt, lt + 9);
      if (MARKUP_OPENINGS.some((p) => p.startsWith(head) && head.length < p.length)) return INCOMPLETE;
      // quoted up to the first character no opening allows, so the message does not depend on
      // where the chunk happened to end (one character at a time, that is all there is)
      let cut = 3;
      while (cut < head.length && MARKUP_OPENINGS.some((p) => p.startsWith(head.slice(0, cut)))) cut++;
      this.countTo(lt);
      return this.fail(`unrecognised markup "${head.slice(0, cut)}"`);
    }
    if (kind === 'doctype') {
      this.countTo(lt);
      return this.handler.doctype();
    }
    if (kind === 'cdata' && this.open.length === 0) {
      this.countTo(lt);
      this.fail('CDATA outside the root element');
    }
    const start = lt + (kind === 'comment' ? 4 : kind === 'cdata' ? 9 : 2);
    const terminator = TERMINATOR[kind];
    const end = buf.indexOf(terminator, start);
    if (end < 0) {
      this.skipping = kind;
      this.skipFrom = Math.max(start, buf.length - (terminator.length - 1));
      return INCOMPLETE;
    }
    return end + terminator.length;
  }

  /** `</name>` at `lt`: the position after it, or INCOMPLETE. */
  private endTag(lt: number): number {
    const buf = this.buf;
    const top = this.open[this.open.length - 1];
    // the usual case: it closes the open element, with no space before '>'
    const closesTop =
      top !== undefined &&
      buf.charCodeAt(lt + 2 + top.length) === GT &&
      buf.substring(lt + 2, lt + 2 + top.length) === top; // (startsWith of a variable costs several times more)
    if (closesTop && this.run.head !== undefined && this.run.length === this.slot)
      this.run.tail = buf.substring(this.run.end, lt);
    this.endRun();
    if (closesTop) {
      const end = lt + 3 + top.length;
      this.countTo(end - 1);
      this.open.pop();
      if (this.open.length === 0) this.rootClosed = true;
      this.handler.closeTag(top);
      return end;
    }
    return this.scanEndTag(lt);
  }

  private scanEndTag(lt: number): number {
    const buf = this.buf;
    const n = buf.length;
    let i = lt + 2;
    if (i >= n) return INCOMPLETE;
    if (!isNameStart(buf.charCodeAt(i))) return this.failAt(i, 'a closing tag without a name');
    while (i < n && isNameChar(buf.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < n && isSpace(buf.charCodeAt(i))) i++;
    if (i >= n) return INCOMPLETE;
    const name = nameAt(buf, lt + 2, nameEnd);
    if (buf.charCodeAt(i) !== GT) return this.failAt(i, `unexpected character in the closing tag </${name}>`);
    this.countTo(i);
    const top = this.open.pop();
    if (top === undefined) return this.fail(`unmatched closing tag: </${name}>`);
    if (top !== name) return this.fail(`unexpected close tag </${name}>: <${top}> is open`);
    if (this.open.length === 0) this.rootClosed = true;
    this.handler.closeTag(name);
    return i + 1;
  }

  private failAt(i: number, message: string): never {
    this.countTo(i);
    return this.fail(message);
  }

  /** `<name attr="v" …>` or `…/>` at `lt`: the position after it, or INCOMPLETE. */
  private startTag(lt: number): number {
    const buf = this.buf;
    const c1 = buf.charCodeAt(lt + 1);
    if (this.open.length > 0) {
      if (c1 === 115 || c1 === 100 || c1 === 105 || c1 === 102 || c1 === 98) {
        // s d i f b: maybe a typed attribute
        const end = this.typedAttribute(lt);
        if (end !== INCOMPLETE) return end;
      } else if (
        c1 === 101 /* e */ ? buf.startsWith('event>', lt + 1) : c1 === 116 && buf.startsWith('trace>', lt + 1)
      ) {
        // <event> and <trace>, as the general scan would hand them on
        const name = c1 === 101 ? 'event' : 'trace';
        const t = c1 === 101 ? this.eventElement : this.traceElement;
        if (t !== undefined) {
          const end = this.templateRun(t, lt, name);
          if (end !== INCOMPLETE) return end;
        }
        this.attrs.length = 0;
        this.countTo(lt + 6);
        const end = this.emitStart(name, false, lt + 7);
        this.plainOpen = lt + 7;
        return end;
      }
    }
    return this.scanStartTag(lt);
  }

  /**
   * The fast path (see {@link TYPED_ATTRIBUTE}): the position after the tag, or INCOMPLETE to
   * leave it to the general scan (which also reports any error). The key is the string of the
   * same position in the previous element when the text matches it: elements repeat their keys
   * in order, so most keys cost one compare, and the reader gets the same string every time.
   */
  private typedAttribute(lt: number): number {
    const buf = this.buf;
    const slot = this.slot;
    if (slot === 0) {
      const t = this.templates.get(this.open[this.open.length - 1]!);
      if (t !== undefined) {
        const end = this.templateRun(t, lt, undefined);
        if (end !== INCOMPLETE) return end;
      }
    }
    TYPED_ATTRIBUTE.lastIndex = lt;
    if (!TYPED_ATTRIBUTE.test(buf)) return INCOMPLETE;
    const end = TYPED_ATTRIBUTE.lastIndex;
    const type = typedName(buf.charCodeAt(lt + 1), buf.charCodeAt(lt + 2));
    const keyStart = lt + type.length + 7; // <type key="
    const keyEnd = buf.indexOf('"', keyStart);
    // (cut and compared: startsWith costs several times more on V8)
    const cut = buf.substring(keyStart, keyEnd);
    let key = this.keys[slot];
    if (key !== cut) this.keys[slot] = key = internalized(cut);
    this.slot = slot + 1;
    const valueStart = keyEnd + VALUE_OPENING;
    const valueEnd = buf.indexOf('"', valueStart);
    this.record(slot, type, key, lt, valueEnd, end);
    this.countTo(end - 1);
    if (this.handler.typedAttribute?.(type, key, buf, valueStart, valueEnd)) return end;
    this.untyped(type, key, buf.substring(valueStart, valueEnd));
    return end;
  }

  /** A fast-path attribute the handler did not take: an ordinary self-closing tag after all. */
  private untyped(type: string, key: string, value: string): void {
    const attrs = this.attrs;
    attrs.names[0] = 'key';
    attrs.values[0] = key;
    attrs.names[1] = 'value';
    attrs.values[1] = value;
    attrs.length = 2;
    const slot = this.slot;
    this.emitStart(type, true, 0);
    this.slot = slot; // (emitStart ends the run)
  }

  /**
   * The run of attributes at `lt` by a template (of the parent's last run, or with `element` of
   * a whole element): the position after it, or INCOMPLETE when the text is not that. Lines:
   * the template's whitespace is literal, so each tag's line is known from where it starts.
   */
  private templateRun(t: RunTemplate, lt: number, element: string | undefined): number {
    const buf = this.buf;
    t.re.lastIndex = lt;
    if (!t.re.test(buf)) return INCOMPLETE;
    this.templateHits++;
    const end = t.re.lastIndex;
    const handler = this.handler;
    if (element !== undefined) {
      this.countTo(lt + element.length + 1);
      this.attrs.length = 0;
      this.emitStart(element, false, 0);
    } else this.countTo(lt);
    const line = this.line;
    const { types, keys, leads, lines } = t;
    const k = types.length;
    this.slot = k;
    // the regex matched: each value runs from its fixed lead to the next quote
    const bounds = this.bounds;
    let at = lt;
    for (let j = 0; j < k; j++) {
      const from = at + leads[j]!;
      at = j < k - 1 ? buf.indexOf('"', from) : end - t.lastTail;
      bounds[2 * j] = from;
      bounds[2 * j + 1] = at;
    }
    if (handler.typedRun?.(t, buf, bounds)) {
      if (t.lastBreak >= 0 && t.lastBreak < k) this.lineStart = bounds[2 * t.lastBreak]! - t.breakOffset;
    } else {
      for (let j = 0; j < k; j++) {
        const from = bounds[2 * j]!;
        at = bounds[2 * j + 1]!;
        if (j === t.lastBreak) this.lineStart = from - t.breakOffset;
        this.line = line + lines[j]!;
        if (!handler.typedAttribute?.(types[j]!, keys[j]!, buf, from, at))
          this.untyped(types[j]!, keys[j]!, buf.substring(from, at));
      }
    }
    this.line = line + t.newlines;
    if (t.lastBreak === k) this.lineStart = end - t.breakOffset;
    this.counted = end - 1;
    this.nextNl = -2;
    if (element !== undefined) {
      this.slot = 0;
      this.open.pop();
      handler.closeTag(element);
    }
    return end;
  }

  /** Notes a fast-path attribute of the run being recorded (while templates may still be made). */
  private record(slot: number, type: string, key: string, lt: number, valueEnd: number, end: number): void {
    const run = this.run;
    if (slot === 0) {
      if (this.templateBuilds > 16 + (this.templateHits >> 4)) return; // layouts keep changing: stop
      run.parent = this.open[this.open.length - 1]!;
      run.length = 0;
      run.head = this.plainOpen >= 0 ? this.buf.substring(this.plainOpen, lt) : undefined;
      run.tail = undefined;
    } else if (run.length !== slot || slot >= MAX_TEMPLATE_ATTRIBUTES) return;
    run.types[slot] = type;
    run.keys[slot] = key; // internalized (see typedAttribute)
    run.gaps[slot] = slot === 0 ? '' : this.buf.substring(run.end, lt);
    run.closes[slot] = this.buf.substring(valueEnd, end);
    run.end = end;
    run.length = slot + 1;
  }

  /** The run of fast-path attributes ends: a template is made of it if it was recorded whole. */
  private endRun(): void {
    const run = this.run;
    if (run.length === this.slot && run.length >= 2) {
      const t = buildTemplate(run, false);
      if (t !== undefined) {
        this.templates.set(run.parent, t);
        this.templateBuilds++;
      }
      const e = run.tail !== undefined ? buildTemplate(run, true) : undefined;
      if (e !== undefined && run.parent === 'event') this.eventElement = e;
      else if (e !== undefined && run.parent === 'trace') this.traceElement = e;
    }
    run.length = 0;
    run.head = run.tail = undefined;
    this.slot = 0;
    this.plainOpen = -1;
  }

  /** The general start tag scan: any attributes, any quoting; INCOMPLETE when the chunk cuts it. */
  private scanStartTag(lt: number): number {
    const buf = this.buf;
    const n = buf.length;
    let i = lt + 1;
    if (!isNameStart(buf.charCodeAt(i))) return this.failAt(i, 'disallowed character in a tag name');
    while (i < n && isNameChar(buf.charCodeAt(i))) i++;
    if (i >= n) return INCOMPLETE;
    const name = nameAt(buf, lt + 1, i);
    const attrs = this.attrs;
    attrs.length = 0;
    let selfClosing = false;
    for (;;) {
      const before = i;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return INCOMPLETE;
      let c = buf.charCodeAt(i);
      if (c === GT) break;
      if (c === SLASH) {
        if (i + 1 >= n) return INCOMPLETE;
        if (buf.charCodeAt(i + 1) !== GT) return this.failAt(i, `a '/' in <${name}> not followed by '>'`);
        selfClosing = true;
        i++;
        break;
      }
      if (i === before) return this.failAt(i, `no whitespace between attributes in <${name}>`);
      if (!isNameStart(c)) return this.failAt(i, `disallowed character in an attribute name of <${name}>`);
      const nameStart = i;
      while (i < n && isNameChar(buf.charCodeAt(i))) i++;
      const attrName = nameAt(buf, nameStart, i);
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return INCOMPLETE;
      if (buf.charCodeAt(i) !== EQ) return this.failAt(i, `attribute ${attrName} of <${name}> without a value`);
      i++;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return INCOMPLETE;
      const q = buf.charCodeAt(i);
      if (q !== DQ && q !== SQ) return this.failAt(i, `the value of ${attrName} in <${name}> is not quoted`);
      const valueStart = i + 1;
      const valueEnd = buf.indexOf(q === DQ ? '"' : "'", valueStart);
      if (valueEnd < 0) return INCOMPLETE;
      let plain = true;
      for (let k = valueStart; k < valueEnd; k++) {
        c = buf.charCodeAt(k);
        if (c === AMP || c === LT || c === TAB || c === NL || c === CR) {
          plain = false;
          break;
        }
      }
      const value = plain ? buf.substring(valueStart, valueEnd) : this.decodeValue(valueStart, valueEnd, name);
      for (let k = 0; k < attrs.length; k++)
        if (attrs.names[k] === attrName) return this.failAt(nameStart, `duplicate attribute: ${attrName}`);
      attrs.names[attrs.length] = attrName;
      attrs.values[attrs.length] = value;
      attrs.length++;
      i = valueEnd + 1;
    }
    this.countTo(i);
    return this.emitStart(name, selfClosing, i + 1);
  }

  private emitStart(name: string, selfClosing: boolean, end: number): number {
    this.endRun();
    if (this.open.length === 0) {
      if (this.sawRoot) return this.fail('more than one root element');
      this.sawRoot = true;
    }
    if (selfClosing) {
      this.handler.openTag(name, this.attrs, true);
      if (this.open.length === 0) this.rootClosed = true;
      this.handler.closeTag(name);
    } else {
      this.open.push(name);
      this.handler.openTag(name, this.attrs, false);
    }
    return end;
  }

  /** An attribute value with references or line breaks: decoded and normalised. */
  private decodeValue(from: number, to: number, tag: string): string {
    const buf = this.buf;
    let out = '';
    let run = from;
    for (let k = from; k < to; k++) {
      const c = buf.charCodeAt(k);
      if (c === LT) return this.failAt(k, `'<' in an attribute value of <${tag}>`);
      if (c === TAB || c === NL || c === CR) {
        out += buf.substring(run, k) + ' ';
        if (c === CR && buf.charCodeAt(k + 1) === NL) k++;
        run = k + 1;
      } else if (c === AMP) {
        const semi = buf.indexOf(';', k);
        if (semi < 0 || semi > to)
          return this.failAt(k, `an '&' in an attribute value of <${tag}> that starts no reference (write &amp;)`);
        out += buf.substring(run, k) + this.reference(buf.substring(k + 1, semi), k);
        k = semi;
        run = k + 1;
      }
    }
    return out + buf.substring(run, to);
  }

  /** The text of `&ref;`; anything but the predefined entities and character references is refused. */
  private reference(ref: string, at: number): string {
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120; /* x */
      const digits = ref.substring(hex ? 2 : 1);
      const valid = digits !== '' && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
      const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (isXmlChar(code)) return String.fromCodePoint(code);
      return this.failAt(at, `malformed character reference &${ref.slice(0, 20)};`);
    }
    return this.failAt(
      at,
      `undefined entity &${ref.slice(0, 40)}; (only &amp; &lt; &gt; &quot; &apos; and character references; DTD entities are refused)`,
    );
  }
}

/** XML 1.0 Char production. */
function isXmlChar(c: number): boolean {
  return (
    c === 9 ||
    c === 10 ||
    c === 13 ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}
