// celVarsFor (the CEL variables of a case): only the names asked for; a name declared through
// dotted schema fields ("customer.tier") becomes a map built from a nested attribute object, from
// flat dotted attributes (CSV columns), or both (the flat column wins), each declared field
// converted per its schema type (int → BigInt); a value that is not an object passes as it is.
// Expected variables are written out by hand; toStrictEqual also fails on keys set to undefined.
import { describe, expect, it } from 'vitest';
import type { AttrValue } from '../model/types';
import { compileGraph } from './compile';
import { celVarsFor } from './evaluate';
import { graph } from './testGraphs';

const g = compileGraph(
  graph(
    { initial: 'a', states: { a: { meta: { activity: 'A' }, on: { GO: 'z' } }, z: { type: 'final' } } },
    {
      caseSchema: {
        amount: { type: 'number' },
        'customer.tier': { type: 'string' },
        'customer.openTickets': { type: 'int' },
        'a.b.c': { type: 'int' },
        'a.b.e': { type: 'string' },
      },
    },
  ),
);
const vars = (attributes: Record<string, AttrValue>, names: string[]) => celVarsFor(g, attributes, names);

describe('celVarsFor: plain names', () => {
  it('passes only the names asked for, converted, and leaves a missing one out (no undefined key)', () => {
    expect(vars({ amount: '12.5', risk: 3 }, ['amount'])).toStrictEqual({ amount: 12.5 });
    // an attribute not asked for stays out whatever it is called (even "undefined")
    expect(vars({ undefined: 5, risk: 3 }, ['amount'])).toStrictEqual({});
    const none = vars({}, ['amount', 'customer', 'a']);
    expect(Object.keys(none)).toEqual([]);
  });
});

describe('celVarsFor: a name declared with dotted fields', () => {
  it('from a nested object: declared fields converted, other keys kept, the input not mutated', () => {
    const customer = { tier: 'gold', openTickets: 2, note: 'x' };
    expect(vars({ customer }, ['customer'])).toStrictEqual({ customer: { tier: 'gold', openTickets: 2n, note: 'x' } });
    expect(customer).toStrictEqual({ tier: 'gold', openTickets: 2, note: 'x' });
  });

  it('from flat dotted attributes (CSV columns)', () => {
    expect(vars({ 'customer.tier': 'gold', 'customer.openTickets': '3' }, ['customer'])).toStrictEqual({
      customer: { tier: 'gold', openTickets: 3n },
    });
    expect(vars({ 'customer.openTickets': 7 }, ['customer'])).toStrictEqual({ customer: { openTickets: 7n } });
  });

  it('from both: the flat column wins over the nested field, the other nested fields stay', () => {
    expect(vars({ customer: { tier: 'silver', openTickets: 1 }, 'customer.tier': 'gold' }, ['customer'])).toStrictEqual(
      { customer: { tier: 'gold', openTickets: 1n } },
    );
  });

  it('a field missing from the case gets no key (no undefined values)', () => {
    expect(vars({ customer: { tier: 'gold' } }, ['customer'])).toStrictEqual({ customer: { tier: 'gold' } });
    expect(vars({ 'customer.tier': 'gold' }, ['customer'])).toStrictEqual({ customer: { tier: 'gold' } });
  });

  it('a value that is not an object (string, list, timestamp, null) passes as it is', () => {
    expect(vars({ customer: 'gold' }, ['customer'])).toStrictEqual({ customer: 'gold' });
    expect(vars({ customer: ['gold', 'vip'] }, ['customer'])).toStrictEqual({ customer: ['gold', 'vip'] });
    const d = new Date(Date.UTC(2024, 0, 2));
    const out = vars({ customer: d }, ['customer']);
    expect(Object.keys(out)).toEqual(['customer']);
    expect(out.customer).toBe(d);
    expect(vars({ customer: null }, ['customer'])).toStrictEqual({ customer: null });
  });
});

describe('celVarsFor: a three-level field ("a.b.c")', () => {
  it('flat columns build the nested maps, both fields under the same inner map', () => {
    expect(vars({ 'a.b.c': 1, 'a.b.e': 'x' }, ['a'])).toStrictEqual({ a: { b: { c: 1n, e: 'x' } } });
  });

  it('read through a nested object', () => {
    expect(vars({ a: { b: { c: 4, e: 'y' } } }, ['a'])).toStrictEqual({ a: { b: { c: 4n, e: 'y' } } });
  });

  it('a flat column merges into the nested inner map (keeping its other keys) without mutating it', () => {
    const b = { d: true };
    expect(vars({ a: { b }, 'a.b.c': 2 }, ['a'])).toStrictEqual({ a: { b: { d: true, c: 2n } } });
    expect(b).toStrictEqual({ d: true });
  });

  it('a non-object in the way of a flat column is replaced by a map', () => {
    expect(vars({ a: { b: 'xy' }, 'a.b.c': 1 }, ['a'])).toStrictEqual({ a: { b: { c: 1n } } });
    expect(vars({ a: { b: 5 }, 'a.b.c': 1 }, ['a'])).toStrictEqual({ a: { b: { c: 1n } } });
  });

  it('a nested object without the inner map (missing, null, not an object): no field, the object as it is', () => {
    expect(vars({ a: { x: 1 } }, ['a'])).toStrictEqual({ a: { x: 1 } });
    expect(vars({ a: { b: null } }, ['a'])).toStrictEqual({ a: { b: null } });
    expect(vars({ a: { b: 'xy' } }, ['a'])).toStrictEqual({ a: { b: 'xy' } });
  });
});
