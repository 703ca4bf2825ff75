// Dotted caseSchema keys (cel.ts): when they become a typed CEL object and when the root falls
// back to a plain map (a key part that is not an identifier, a prototype name, a field that is
// both a leaf and a parent), told apart by behaviour: size() applies to a map, not to an object
// type. Unknown dotted paths are named either way; a path below a list or map field is left to the
// checker. Object.prototype is never touched.
import { describe, expect, it } from 'vitest';
import type { CaseField } from '../model/types';
import { CelEnvironment, guardHolds, toCelVars } from './cel';

const s = (type: CaseField['type']): CaseField => ({ type });
const compileIn = (schema: Record<string, CaseField>, expr: string) => new CelEnvironment(schema).compile(expr);

describe('dotted schema keys', () => {
  it('identifier keys make a typed object: its fields type-check, size() does not apply', () => {
    expect(compileIn({ 'customer.tier': s('string') }, 'customer.tier == "x"').ok).toBe(true);
    expect(compileIn({ 'customer.tier': s('string') }, 'size(customer) > 0')).toMatchObject({
      ok: false,
      error: { kind: 'type', message: expect.stringContaining('sop_case_customer') },
    });
  });

  it.each([
    ['a part that is not an identifier', { 'customer.first-name': s('string') }],
    ['a prototype name', { 'customer.__proto__.x': s('string') }],
    [
      'a field that is both a leaf and a parent',
      { 'customer.address': s('string'), 'customer.address.city': s('string') },
    ],
    ['a parent declared after its leaf', { 'customer.address.city': s('string'), 'customer.address': s('string') }],
  ])('%s leaves the root a map', (_why, schema) => {
    expect(compileIn(schema, 'size(customer) > 0').ok).toBe(true);
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('a map root still reads its fields by key, and names undeclared dotted paths', () => {
    const schema = { 'customer.first-name': s('string') };
    const r = compileIn(schema, 'customer["first-name"] == "Ada"');
    if (!r.ok) throw new Error(r.error.message);
    expect(guardHolds(r.compiled, toCelVars({ customer: { 'first-name': 'Ada' } }, schema))).toEqual({ holds: true });
    expect(compileIn(schema, 'customer.other == "x"')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'Unknown field: customer.other', offset: 0 },
    });
    const both = { 'customer.address': s('string'), 'customer.address.city': s('string') };
    expect(compileIn(both, 'customer.address.city == "Oslo"').ok).toBe(true);
    expect(compileIn(both, 'customer.address == "x"').ok).toBe(true);
  });

  it('below a list or map field the path is the checker’s business, not an unknown field', () => {
    const listed = compileIn({ 'customer.tags': s('list') }, 'customer.tags.x == 1');
    expect(listed.ok).toBe(false);
    if (!listed.ok) expect(listed.error.message).not.toMatch(/Unknown field/);
    expect(compileIn({ 'customer.tags': s('list') }, 'customer.tags.exists(t, t == "a")').ok).toBe(true);
    expect(compileIn({ 'customer.meta': s('map') }, 'customer.meta.anything == "a"').ok).toBe(true);
    // a string field has no fields below it
    expect(compileIn({ 'customer.name': s('string') }, 'customer.name.first == "a"')).toMatchObject({
      ok: false,
      error: { message: 'Unknown field: customer.name.first' },
    });
  });

  it('names a dotted path by what the schema declares: a prefix of a field, or past a list, is unknown', () => {
    const schema = {
      'customer.tier': s('string'),
      'customer.tags': s('list'),
      'customer.address.city': s('string'),
      'customer.address.zip': s('string'),
    };
    const unknown = (path: string) => ({
      ok: false,
      error: { kind: 'type', message: `Unknown field: ${path}`, offset: 0 },
    });
    expect(compileIn(schema, 'customer.ti == "x"')).toEqual(unknown('customer.ti'));
    expect(compileIn(schema, 'customer.tagsx == 1')).toEqual(unknown('customer.tagsx'));
    // a root the schema does not know is the checker's unknown variable, not an unknown field
    expect(compileIn(schema, 'custo == 1')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'Unknown variable: custo', offset: 0 },
    });
    // two fields under one nested object: both typed
    for (const leaf of ['city', 'zip']) {
      expect(compileIn(schema, `customer.address.${leaf} == 1`)).toMatchObject({
        ok: false,
        error: { kind: 'type', message: 'no such overload: string == int' },
      });
      expect(compileIn(schema, `customer.address.${leaf} == "x"`).ok).toBe(true);
    }
  });

  it('a nested type whose name another root already took leaves that root a map', () => {
    // a.b.* is registered as sop_case_a_b; the root a_b would be sop_case_a_b too, which cel-js refuses
    const schema = { 'a.b.c': s('int'), 'a_b.c': s('int') };
    expect(compileIn(schema, 'a.b.c == "x"')).toMatchObject({ ok: false, error: { kind: 'type' } });
    expect(compileIn(schema, 'a_b.c == "x"').ok).toBe(true);
    expect(compileIn(schema, 'size(a_b) > 0').ok).toBe(true);
  });

  it('a root declared both plainly and with dotted keys is the plain declaration, in either order', () => {
    for (const schema of [
      { customer: s('map'), 'customer.tier': s('string') },
      { 'customer.tier': s('string'), customer: s('map') },
    ]) {
      expect(compileIn(schema, 'size(customer) > 0').ok, Object.keys(schema).join()).toBe(true);
      expect(compileIn(schema, 'customer.anything == "x"').ok, Object.keys(schema).join()).toBe(true);
    }
    // declared plainly as a string, it is a string whatever its dotted keys say
    expect(compileIn({ 'customer.tier': s('string'), customer: s('string') }, 'customer.size() > 0').ok).toBe(true);
  });
});
