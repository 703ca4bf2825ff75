/**
 * The audit key: a 256-bit secret kept outside the log (a key file, `audit keygen`), used for an
 * HMAC-SHA-256 over every record's hash and over the anchor. Without the key, anyone can append
 * records or edit-and-rechain with recomputed SHA-256 hashes; with it, they cannot produce MACs.
 * Web Crypto only (`crypto.subtle`), so this stays pure: Node ≥ 20 and browsers.
 */
// spelled through the API: the node and DOM typings disagree on the global `CryptoKey` type
export type AuditKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const HEX_KEY = /^[0-9a-f]{64}$/;

/** A new key as a key file's text: 64 lower-case hex characters and a newline. */
export function newAuditKeyText(): string {
  return `${toHex(crypto.getRandomValues(new Uint8Array(32)))}\n`;
}

/** Read a key file's text; throws with the reason when it is not one. */
export async function importAuditKey(text: string): Promise<AuditKey> {
  const hex = text.trim();
  if (!HEX_KEY.test(hex))
    throw new Error(
      'an audit key file holds 64 lower-case hex characters (256 bits); make one with `sop-studio audit keygen <file>`',
    );
  const bytes = new Uint8Array(32);
  // Stryker disable next-line EqualityOperator: with i <= 32 the extra write bytes[32] is out of range of the 32-byte array, a no-op
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** HMAC-SHA-256 of a string's UTF-8 bytes, lower-case hex. */
export async function hmacHex(key: AuditKey, text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text))));
}

/** Compare two MACs without an early exit on the first differing character. */
export function sameMac(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  // Stryker disable next-line EqualityOperator: with i <= a.length the extra step ORs NaN ^ NaN, which is 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
