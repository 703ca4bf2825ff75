/**
 * Bearer tokens bound to roles: `operator` (runs the service: cases, events, kill switches, drain,
 * rollback), `approver:<role>` (decides inbox items of a role named in the graph — a state's or
 * agent's owner), `viewer` (reads). Only the SHA-256 of a token is stored; the token itself is
 * shown once, when issued.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export type Role = { kind: 'operator' } | { kind: 'viewer' } | { kind: 'approver'; role: string };

export interface Principal {
  role: Role;
  name: string;
}

export function parseRole(text: string): Role | null {
  if (text === 'operator' || text === 'viewer') return { kind: text };
  const m = /^approver:([A-Za-z0-9][\w.-]{0,63})$/.exec(text);
  return m ? { kind: 'approver', role: m[1]! } : null;
}

export const roleText = (r: Role) => (r.kind === 'approver' ? `approver:${r.role}` : r.kind);

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function issueToken(pool: pg.Pool, role: Role, name: string): Promise<string> {
  if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error('a token name is 1-64 letters, digits, _ . @ -');
  const token = `sop_${randomBytes(24).toString('base64url')}`;
  await pool.query('INSERT INTO sop.tokens (sha256, role, name) VALUES ($1, $2, $3)', [
    sha256(token),
    roleText(role),
    name,
  ]);
  return token;
}

/** The principal of an `Authorization: Bearer …` header, or null (missing, malformed, unknown). */
export async function authenticate(pool: pg.Pool, header: string | undefined): Promise<Principal | null> {
  const m = /^Bearer ([\w-]{8,200})$/.exec(header ?? '');
  if (!m) return null;
  const r = await pool.query<{ role: string; name: string }>('SELECT role, name FROM sop.tokens WHERE sha256 = $1', [
    sha256(m[1]!),
  ]);
  const role = r.rowCount ? parseRole(r.rows[0]!.role) : null;
  return role ? { role, name: r.rows[0]!.name } : null;
}
