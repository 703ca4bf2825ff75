/**
 * Load and save graph documents. Loading is two stages so each caller takes what it needs:
 * - readGraphDocument: JSON text (or a parsed value) → a document with defaults filled and the
 *   format migrated, not yet checked (the validator reports what is wrong with it);
 * - parseGraphDocument: the same, then checked against the schema; errors carry exact JSON paths.
 * serializeGraphDocument writes stable 2-space JSON and keeps every field (lossless round trip).
 */
import type { z } from 'zod';
import { isBareMachine, isObject, withDefaults } from './defaults';
import { hostileShapeProblems } from './hostileShape';
import { migrateDocument } from './migrations';
import { GraphDocSchema } from './schema';
import type { GraphDoc, JsonPath } from './types';

/** One problem with a document, at a JSON path ([] = the whole document). */
export interface DocumentError {
  path: JsonPath;
  message: string;
  /** 1-based position in the JSON text, for syntax errors. */
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; doc: GraphDoc; migrated: boolean } | { ok: false; errors: DocumentError[] };

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function jsonSyntaxError(text: string, e: unknown): DocumentError {
  const raw = String((e as Error)?.message ?? e);
  // V8: "... in JSON at position 42"; SpiderMonkey: "... at line 3 column 5 of the JSON data".
  const pos = /position (\d+)/.exec(raw);
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const located = pos || lc ? null : jsonErrorOffset(text);
  const at = pos
    ? lineColumn(text, Number(pos[1]))
    : lc
      ? { line: Number(lc[1]), column: Number(lc[2]) }
      : located !== null
        ? lineColumn(text, located)
        : null;
  const reason = raw
    .replace(/^(Unexpected token .*?), "[\s\S]*" is not valid JSON$/, '$1')
    .replace(/\s*(in JSON )?at position \d+.*$/, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/ at line \d+ column \d+.*$/, '');
  return at
    ? { path: [], message: `invalid JSON at line ${at.line}, column ${at.column}: ${reason}`, ...at }
    : { path: [], message: `invalid JSON: ${reason}` };
}

/**
 * Offset of the first JSON syntax error, for engines whose message carries no position
 * (V8 says only `Unexpected token '}', "…" is not valid JSON` for some inputs). Only runs after
 * JSON.parse has failed; a small recursive-descent scan, depth-capped.
 */
function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- control flow inside this scanner: the offset is caught below, never escapes
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word)
      if (text[i++] !== ch) {
        i--;
        fail();
      }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (depth: number): void => {
    ws();
    const c = text[i];
    if (depth > 10_000 || c === undefined) fail();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === 'number' ? at : null;
  }
}

/**
 * Read a document without checking it: parse JSON, wrap a bare XState machine, migrate the
 * format, fill defaults. Fails only when the input is not JSON, not an object, or of an
 * unknown/newer format. `migrated` is true when saving would write something different.
 */
export function readGraphDocument(input: unknown /* JSON text or an already-parsed value */): ParseResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [jsonSyntaxError(input, e)] };
    }
  }
  if (!isObject(value))
    return {
      ok: false,
      errors: [{ path: [], message: `a graph document must be a JSON object, not ${describeValue(value)}` }],
    };
  // before defaults, migrations, the schema or any walk: reserved names and too-deep nesting
  const hostile = hostileShapeProblems(value);
  if (hostile.length) return { ok: false, errors: hostile };
  const bare = isBareMachine(value);
  if (!bare && value.format === undefined && value.machine === undefined) {
    return {
      ok: false,
      errors: [
        {
          path: [],
          message:
            'not a graph document: expected "format": "sop-studio/graph@1" with a "machine", or a bare XState machine config (with "states")',
        },
      ],
    };
  }
  const migration = bare ? { ok: true as const, doc: value, migrated: false } : migrateDocument(value);
  if (!migration.ok) return { ok: false, errors: [{ path: ['format'], message: migration.message }] };
  const doc = withDefaults(migration.doc);
  const filled = !bare && Object.keys(doc).some((k) => !(k in migration.doc));
  return { ok: true, doc, migrated: bare || migration.migrated || filled };
}

/** Read a document and check it against the schema. */
export function parseGraphDocument(input: unknown /* JSON text or an already-parsed value */): ParseResult {
  const read = readGraphDocument(input);
  if (!read.ok) return read;
  const errors = checkGraphDocument(read.doc);
  return errors.length ? { ok: false, errors } : read;
}

/** Schema problems of a (possibly malformed) document, each at its exact JSON path. */
export function checkGraphDocument(doc: unknown): DocumentError[] {
  const result = GraphDocSchema.safeParse(doc, { reportInput: true });
  if (result.success) return [];
  const out: DocumentError[] = [];
  for (const issue of result.error.issues) mapIssue(issue, [], out);
  return out;
}

type ZodIssue = z.core.$ZodIssue & { errors?: ZodIssue[][]; input?: unknown; values?: unknown[]; keys?: string[] };

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string "${v.slice(0, 40)}…"` : `"${v}"`;
  if (typeof v === 'object') return 'an object';
  if (v === undefined) return 'missing';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects returned above; what is left is a primitive
  return `${typeof v} ${String(v)}`;
}

function mapIssue(issue: ZodIssue, base: JsonPath, out: DocumentError[]): void {
  const path = [...base, ...(issue.path as JsonPath)];
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    // Report the branch whose shape matched (no type error at the union itself); otherwise say
    // which shapes are accepted.
    const matching = issue.errors.filter(
      (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
    );
    if (matching.length > 0) {
      for (const i of matching[0]!) mapIssue(i, path, out);
      return;
    }
    const expected = [
      ...new Set(
        issue.errors.flatMap((b) =>
          b
            .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
            .map((i) => (i as { expected?: string }).expected),
        ),
      ),
    ];
    out.push({ path, message: `expected ${expected.join(' or ')}, got ${describeValue(issue.input)}` });
    return;
  }
  out.push({ path, message: messageOf(issue) });
}

function messageOf(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required ${(issue as { expected?: string }).expected ?? 'value'} is missing`
        : `expected ${(issue as { expected?: string }).expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined)
        return `required: one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
      return `must be ${issue.values && issue.values.length > 1 ? 'one of ' : ''}${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

/** Top-level keys in the order documents are written; unknown keys follow in their own order. */
const TOP_ORDER = ['format', 'name', 'version', 'rollout', 'caseSchema', 'agents', 'tools', 'machine', 'layout'];

/**
 * Stable 2-space JSON with a trailing newline. Top-level keys in a fixed order; everything below
 * keeps its order (state and transition order carry meaning). Unknown fields are kept.
 */
export function serializeGraphDocument(doc: GraphDoc): string {
  const ordered: Record<string, unknown> = {};
  for (const k of TOP_ORDER) if (doc[k] !== undefined) ordered[k] = doc[k];
  for (const k of Object.keys(doc)) if (!(k in ordered)) ordered[k] = doc[k];
  return JSON.stringify(ordered, null, 2) + '\n';
}
