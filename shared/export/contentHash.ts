/**
 * Content hash of a graph: SHA-256 (crypto.subtle, in Node and browsers) over canonical JSON.
 *
 * Canonical JSON is the one in shared/runtime/canonicalJson.ts (the audit log hashes with it
 * too): object keys sorted by code unit, no whitespace, `undefined` members dropped, numbers and
 * strings as JSON.stringify writes them (the RFC 8785 rules that matter for documents made of
 * JSON values). The hash covers what the graph *means*: every field except
 * `version` (bumped by exporting), `exports` (the history itself) and `layout` (canvas positions).
 */
import type { GraphDoc } from '../model/types';
import { canonicalJson, sha256Hex } from '../runtime/canonicalJson';

export { canonicalJson };

/** Fields left out of the content hash (see the module comment). */
const UNHASHED_FIELDS = ['version', 'exports', 'layout'] as const;

/** The part of a document the hash covers. */
export function hashedContent(doc: GraphDoc): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const f of UNHASHED_FIELDS) delete out[f];
  return out;
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export async function sha256Json(value: unknown): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(value))}`;
}

/** Content hash of a graph document. */
export function contentHash(doc: GraphDoc): Promise<string> {
  return sha256Json(hashedContent(doc));
}
