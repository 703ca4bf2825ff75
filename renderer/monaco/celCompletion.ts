/**
 * What the CEL editor offers at the cursor: case fields from the graph's caseSchema (with their
 * type and source), enum values after `field ==`, CEL functions and macros. Pure: the Monaco
 * provider in celLanguage.ts only maps these items to its own types.
 */
import type { CaseField } from '../../shared/model/types';

export type CelCompletionKind = 'field' | 'function' | 'method' | 'macro' | 'keyword' | 'value';

export interface CelCompletion {
  label: string;
  kind: CelCompletionKind;
  detail: string;
  documentation?: string;
  insertText: string;
  /** insertText uses Monaco snippet syntax (${1:x}). */
  snippet?: boolean;
}

interface FnSpec {
  name: string;
  signature: string;
  doc: string;
  snippet: string;
}

/** Global functions and macros usable anywhere in an expression. */
const CEL_GLOBALS: readonly FnSpec[] = [
  {
    name: 'has',
    signature: 'has(e.f) → bool',
    doc: 'True when the field is present (macro).',
    snippet: 'has(${1:field})',
  },
  {
    name: 'size',
    signature: 'size(list|map|string) → int',
    doc: 'Number of elements or characters.',
    snippet: 'size(${1:value})',
  },
  { name: 'int', signature: 'int(value) → int', doc: 'Convert to a 64-bit integer.', snippet: 'int(${1:value})' },
  { name: 'double', signature: 'double(value) → double', doc: 'Convert to a double.', snippet: 'double(${1:value})' },
  { name: 'string', signature: 'string(value) → string', doc: 'Convert to a string.', snippet: 'string(${1:value})' },
  { name: 'bool', signature: 'bool(value) → bool', doc: 'Convert to a bool.', snippet: 'bool(${1:value})' },
  {
    name: 'timestamp',
    signature: 'timestamp(string) → timestamp',
    doc: 'Parse an RFC 3339 timestamp.',
    snippet: 'timestamp("${1:2024-01-01T00:00:00Z}")',
  },
  {
    name: 'duration',
    signature: 'duration(string) → duration',
    doc: 'Parse a duration such as "1h30m".',
    snippet: 'duration("${1:1h}")',
  },
  {
    name: 'dyn',
    signature: 'dyn(value) → dyn',
    doc: 'Opt out of static type checking for a value.',
    snippet: 'dyn(${1:value})',
  },
];

/** Receiver-style functions and macros offered after `expr.`. */
const CEL_METHODS: readonly FnSpec[] = [
  {
    name: 'exists',
    signature: 'list.exists(x, p) → bool',
    doc: 'True when p holds for at least one element (macro).',
    snippet: 'exists(${1:x}, ${2:x > 0})',
  },
  {
    name: 'all',
    signature: 'list.all(x, p) → bool',
    doc: 'True when p holds for every element (macro).',
    snippet: 'all(${1:x}, ${2:x > 0})',
  },
  {
    name: 'exists_one',
    signature: 'list.exists_one(x, p) → bool',
    doc: 'True when p holds for exactly one element (macro).',
    snippet: 'exists_one(${1:x}, ${2:x > 0})',
  },
  {
    name: 'filter',
    signature: 'list.filter(x, p) → list',
    doc: 'Elements for which p holds (macro).',
    snippet: 'filter(${1:x}, ${2:x > 0})',
  },
  {
    name: 'map',
    signature: 'list.map(x, f) → list',
    doc: 'Transform every element (macro).',
    snippet: 'map(${1:x}, ${2:x})',
  },
  { name: 'contains', signature: 'string.contains(s) → bool', doc: 'Substring test.', snippet: 'contains("${1}")' },
  { name: 'startsWith', signature: 'string.startsWith(s) → bool', doc: 'Prefix test.', snippet: 'startsWith("${1}")' },
  { name: 'endsWith', signature: 'string.endsWith(s) → bool', doc: 'Suffix test.', snippet: 'endsWith("${1}")' },
  {
    name: 'matches',
    signature: 'string.matches(re) → bool',
    doc: 'RE2 regular-expression match.',
    snippet: 'matches("${1:^.*$}")',
  },
  { name: 'size', signature: 'value.size() → int', doc: 'Number of elements or characters.', snippet: 'size()' },
];

const KEYWORDS = ['true', 'false', 'null', 'in'];

/** A field's one-line detail: "number · billing · max age PT1H". */
export function fieldDetail(field: CaseField): string {
  const parts: string[] = [field.type];
  if (field.source) parts.push(field.source);
  if (field.maxAge) parts.push(`max age ${field.maxAge}`);
  return parts.join(' · ');
}

function fieldDoc(name: string, field: CaseField): string {
  const lines = [`**${name}**: ${field.type}`];
  if (field.description) lines.push(field.description);
  if (field.source) lines.push(`Source: ${field.source}`);
  if (field.maxAge) lines.push(`Fresh for: ${field.maxAge}`);
  if (field.enum?.length) lines.push(`One of: ${field.enum.map((v) => `"${v}"`).join(', ')}`);
  return lines.join('\n\n');
}

/**
 * Completion items for the text before the cursor.
 * - after `name.` where the schema has dotted fields `name.x`: those sub-fields;
 * - after any other `expr.`: methods and macros;
 * - after `field ==`/`!=` (optionally an open quote) on an enum field: its values;
 * - otherwise: top-level fields (dotted roots once, as maps), global functions, keywords.
 */
export function celCompletions(schema: Record<string, CaseField>, before: string): CelCompletion[] {
  const enumMatch = /([A-Za-z_][\w.]*)\s*(?:==|!=)\s*("?)([^"]*)$/.exec(before);
  if (enumMatch) {
    const field = schema[enumMatch[1]!];
    if (field?.enum?.length) {
      const quoted = enumMatch[2] === '"';
      return field.enum.map((v) => ({
        label: `"${v}"`,
        kind: 'value',
        detail: enumMatch[1]!,
        insertText: quoted ? `${v}"` : `"${v}"`,
      }));
    }
  }

  const member = /([A-Za-z_][\w.]*)?\.\s*\w*$/.exec(before);
  if (member && !/\d\.\d*$/.test(before)) {
    const owner = member[1];
    const prefix = owner ? `${owner}.` : null;
    const sub = prefix
      ? Object.entries(schema)
          .filter(([name]) => name.startsWith(prefix) && !name.slice(prefix.length).includes('.'))
          .map(([name, field]): CelCompletion => ({
            label: name.slice(prefix.length),
            kind: 'field',
            detail: fieldDetail(field),
            documentation: fieldDoc(name, field),
            insertText: name.slice(prefix.length),
          }))
      : [];
    if (sub.length) return sub;
    return CEL_METHODS.map((m) => ({
      label: m.name,
      kind: m.name === 'size' || !m.doc.includes('macro') ? 'method' : 'macro',
      detail: m.signature,
      documentation: m.doc,
      insertText: m.snippet,
      snippet: true,
    }));
  }

  const items: CelCompletion[] = [];
  const roots = new Set<string>();
  for (const [name, field] of Object.entries(schema)) {
    const dot = name.indexOf('.');
    if (dot >= 0) {
      const root = name.slice(0, dot);
      if (roots.has(root) || schema[root]) continue;
      roots.add(root);
      items.push({ label: root, kind: 'field', detail: 'map · nested case fields', insertText: root });
      continue;
    }
    items.push({
      label: name,
      kind: 'field',
      detail: fieldDetail(field),
      documentation: fieldDoc(name, field),
      insertText: name,
    });
  }
  for (const f of CEL_GLOBALS)
    items.push({
      label: f.name,
      kind: f.name === 'has' ? 'macro' : 'function',
      detail: f.signature,
      documentation: f.doc,
      insertText: f.snippet,
      snippet: true,
    });
  for (const k of KEYWORDS) items.push({ label: k, kind: 'keyword', detail: 'keyword', insertText: k });
  return items;
}
