import { describe, expect, it } from 'vitest';
import { pausedBy } from './controls';
import { parseRole, roleText, sha256 } from './tokens';

describe('roles', () => {
  it('reads operator, viewer and approver:<role>, and nothing else', () => {
    expect(parseRole('operator')).toEqual({ kind: 'operator' });
    expect(parseRole('viewer')).toEqual({ kind: 'viewer' });
    expect(parseRole('approver:payments-ops')).toEqual({ kind: 'approver', role: 'payments-ops' });
    for (const bad of ['admin', 'approver:', 'approver:a b', 'Operator', 'approver:__proto__ x'])
      expect(parseRole(bad)).toBeNull();
    expect(roleText({ kind: 'approver', role: 'legal' })).toBe('approver:legal');
  });

  it('stores tokens as SHA-256 hex (the FIPS 180-2 test vector)', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('kill switches', () => {
  it('the graph switch pauses everything; an agent or tool switch pauses only its steps', () => {
    expect(pausedBy({ paused: ['graph'] }, null, null)).toBe('graph');
    expect(pausedBy({ paused: ['agent:a'] }, 'a', 'issueRefund')).toBe('agent:a');
    expect(pausedBy({ paused: ['agent:a'] }, 'b', 'issueRefund')).toBeNull();
    expect(pausedBy({ paused: ['tool:issueRefund'] }, 'b', 'issueRefund')).toBe('tool:issueRefund');
    expect(pausedBy({ paused: [] }, 'a', 'issueRefund')).toBeNull();
  });
});
