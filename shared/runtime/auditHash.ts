/** The chain's hash: SHA-256 over a record's canonical JSON without its `hash` and `mac`. */
import { canonicalJson, sha256Hex } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);

export async function hashRecord(body: object): Promise<string> {
  return sha256Hex(canonicalJson(body));
}
