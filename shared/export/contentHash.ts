/**
 * Content hash of a graph: SHA-256 (crypto.subtle, in Node and browsers) over canonical JSON.
 *
 * Canonical JSON here: object keys sorted by code unit, no whitespace, `undefined` members
 * dropped, numbers and strings as JSON.stringify writes them (the RFC 8785 rules that matter for
 * documents made of JSON values). The hash covers what the graph *means*: every field except
 * `version` (bumped by exporting), `exports` (the history itself) and `layout` (canvas positions).
 */
import type { GraphDoc } from '../model/types';

/** Fields left out of the content hash (see the module comment). */
export const UNHASHED_FIELDS = ['version', 'exports', 'layout'] as const;

/** Canonical JSON text of a JSON-like value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The part of a document the hash covers. */
export function hashedContent(doc: GraphDoc): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const f of UNHASHED_FIELDS) delete out[f];
  return out;
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export async function sha256Json(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Content hash of a graph document. */
export function contentHash(doc: GraphDoc): Promise<string> {
  return sha256Json(hashedContent(doc));
}
