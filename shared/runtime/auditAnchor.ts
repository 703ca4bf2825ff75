/**
 * The head anchor: a small file beside the log (`<log>.anchor`), rewritten after every append,
 * holding the record count and the last record's hash — MACed with the audit key when there is
 * one. The chain alone cannot show records cut from its end (a shorter chain is still a valid
 * chain) nor tell an append from a removal; the anchor can, and with the key nobody without it
 * can move the anchor along with their edit.
 */
import { hmacHex, sameMac, type AuditKey } from './auditKey';

const ANCHOR_FORMAT = 'sop-studio/audit-anchor@1';

export interface AuditAnchor {
  format: typeof ANCHOR_FORMAT;
  records: number;
  head: string;
  /** HMAC over `anchor:<records>:<head>`; null when the log is not keyed. */
  mac: string | null;
}

const anchorText = (records: number, head: string) => `anchor:${records}:${head}`;

export async function makeAnchor(records: number, head: string, key?: AuditKey): Promise<AuditAnchor> {
  return { format: ANCHOR_FORMAT, records, head, mac: key ? await hmacHex(key, anchorText(records, head)) : null };
}

/** Parse an anchor file's text; a string is why it is not one. */
export function parseAnchor(text: string): AuditAnchor | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'the anchor file is not valid JSON';
  }
  const a = v as Partial<AuditAnchor> | null;
  if (a?.format !== ANCHOR_FORMAT) return `the anchor file is not a ${ANCHOR_FORMAT}`;
  if (!Number.isSafeInteger(a.records) || a.records! < 0) return 'the anchor file has no valid record count';
  if (typeof a.head !== 'string' || !/^[0-9a-f]{64}$/.test(a.head)) return 'the anchor file has no valid head hash';
  if (a.mac !== null && (typeof a.mac !== 'string' || !/^[0-9a-f]{64}$/.test(a.mac)))
    return 'the anchor file has no valid MAC';
  return a as AuditAnchor;
}

/** Does the anchor's MAC hold under `key`? */
export async function anchorMacHolds(anchor: AuditAnchor, key: AuditKey): Promise<boolean> {
  return anchor.mac !== null && sameMac(anchor.mac, await hmacHex(key, anchorText(anchor.records, anchor.head)));
}
