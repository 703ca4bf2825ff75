// Recorded attributes → CEL values, and what compile() says about the expression itself. Expected
// values follow the CEL spec's types (int is a 64-bit integer: BigInt here; double: JS number;
// timestamps: Date) and DESIGN.md ("Guards see the case attributes as top-level CEL variables").
import { describe, expect, it } from 'vitest';
import type { CaseField } from '../model/types';
import { CelEnvironment, guardHolds, toCelValue, toCelVars } from './cel';

const f = (type: CaseField['type']): CaseField => ({ type });

describe('toCelValue: a recorded value as the schema types it', () => {
  it('int: integral numbers and integer strings become CEL ints; anything else is left for the checker to refuse', () => {
    expect(toCelValue(3, f('int'))).toBe(3n);
    expect(toCelValue(-12, f('int'))).toBe(-12n);
    expect(toCelValue('-12', f('int'))).toBe(-12n);
    expect(toCelValue('007', f('int'))).toBe(7n);
    for (const v of [2.5, '1.5', '12a', ' 12', '12 ', '', '-', true]) expect(toCelValue(v as never, f('int'))).toBe(v);
  });

  it('number: numeric strings become doubles; blank, non-numeric and infinite strings stay strings', () => {
    expect(toCelValue('3.5', f('number'))).toBe(3.5);
    expect(toCelValue(' 42 ', f('number'))).toBe(42);
    expect(toCelValue('1e3', f('number'))).toBe(1000);
    expect(toCelValue(7, f('number'))).toBe(7);
    for (const v of ['', '  ', 'abc', 'Infinity', '-Infinity', true])
      expect(toCelValue(v as never, f('number'))).toBe(v);
  });

  it('timestamp: ISO strings and epoch milliseconds become Dates; an unreadable string stays as it is', () => {
    expect(toCelValue('2024-01-02T03:04:05Z', f('timestamp'))).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)));
    expect(toCelValue(86_400_000, f('timestamp'))).toEqual(new Date(Date.UTC(1970, 0, 2)));
    const d = new Date(5);
    expect(toCelValue(d as never, f('timestamp'))).toBe(d);
    expect(toCelValue('not a date', f('timestamp'))).toBe('not a date');
    expect(toCelValue(true, f('timestamp'))).toBe(true);
  });

  it('bool: exactly "true" and "false" become booleans', () => {
    expect(toCelValue('true', f('bool'))).toBe(true);
    expect(toCelValue('false', f('bool'))).toBe(false);
    expect(toCelValue(false, f('bool'))).toBe(false);
    for (const v of ['TRUE', 'False', 'yes', '1', 1]) expect(toCelValue(v as never, f('bool'))).toBe(v);
  });

  it('strings, lists, maps and undeclared fields pass unchanged; undefined and null stay as they are', () => {
    expect(toCelValue(5, f('string'))).toBe(5);
    expect(toCelValue('5', f('string'))).toBe('5');
    expect(toCelValue(2.5, undefined)).toBe(2.5);
    expect(toCelValue('x', undefined)).toBe('x');
    expect(toCelValue(undefined, f('int'))).toBeUndefined();
    expect(toCelValue(null, f('int'))).toBeNull();
  });
});

describe('toCelVars: a case attributes object as CEL variables', () => {
  const schema: Record<string, CaseField> = {
    count: f('int'),
    'customer.open': f('int'),
    'customer.address.since': f('timestamp'),
  };

  it('converts top-level and nested declared fields, passes the rest, and leaves the input untouched', () => {
    const attrs = {
      count: '4',
      note: 'n',
      customer: { open: 2, name: 'Ada', address: { since: '2024-01-01T00:00:00Z', city: 'Oslo' } },
    };
    const vars = toCelVars(attrs, schema);
    expect(Object.getPrototypeOf(vars)).toBeNull();
    expect(vars.count).toBe(4n);
    expect(vars.note).toBe('n');
    const customer = vars.customer as Record<string, unknown>;
    expect(customer.open).toBe(2n);
    expect(customer.name).toBe('Ada');
    expect((customer.address as Record<string, unknown>).since).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect((customer.address as Record<string, unknown>).city).toBe('Oslo');
    // copied on the way, never mutated
    expect(attrs.customer.open).toBe(2);
    expect(attrs.customer.address.since).toBe('2024-01-01T00:00:00Z');
    expect(customer).not.toBe(attrs.customer);
  });

  it('a nested key under a value that is not a plain object converts nothing (arrays, dates, null, strings)', () => {
    for (const customer of [[{ open: 1 }], new Date(0), null, 'gold']) {
      const vars = toCelVars({ customer }, schema);
      expect(vars.customer).toBe(customer);
    }
    // the root absent: no object is invented for it
    expect(Object.keys(toCelVars({ count: 1 }, schema))).toEqual(['count']);
    // the leaf absent: nothing is added
    expect(toCelVars({ customer: { name: 'x' } }, schema).customer).toEqual({ name: 'x' });
  });

  it('a nested path half-way through a non-object stops there', () => {
    const vars = toCelVars({ customer: { open: '3', address: 'street 1' } }, schema);
    const customer = vars.customer as Record<string, unknown>;
    expect(customer.open).toBe(3n);
    expect(customer.address).toBe('street 1');
  });
});

describe('compile: the expression itself', () => {
  const env = new CelEnvironment({ amount: f('number'), items: f('list'), 'customer.tier': f('string') });

  it('refuses a non-string and a blank expression as syntax errors', () => {
    expect(env.compile(42 as never)).toEqual({
      ok: false,
      error: { kind: 'syntax', message: 'expression must be a string' },
    });
    expect(env.compile(' \n\t ')).toEqual({ ok: false, error: { kind: 'syntax', message: 'expression is empty' } });
    expect(env.compile('')).toEqual({ ok: false, error: { kind: 'syntax', message: 'expression is empty' } });
  });

  it('the length limit says how long the expression is', () => {
    expect(env.compile('x'.repeat(5000))).toEqual({
      ok: false,
      error: { kind: 'limit', message: 'expression is 5000 characters; the limit is 4096' },
    });
  });

  it('caches: the same expression compiles to the same object', () => {
    const a = env.compile('amount > 1.0');
    expect(env.compile('amount > 1.0')).toBe(a);
    expect(env.compile('amount > 2.0')).not.toBe(a);
  });

  it('the cache is bounded: past 5,001 results it starts afresh, and the first expression compiles anew', () => {
    const bounded = new CelEnvironment({ amount: f('number') });
    const first = bounded.compile('amount > 0.5');
    // 5,000 more: 5,001 held, the first still among them
    for (let i = 0; i < 5000; i++) bounded.compile(`amount > ${i}.0`);
    expect(bounded.compile('amount > 0.5')).toBe(first);
    // one more: the cache held more than 5,000, so it is emptied before the new one is kept
    bounded.compile('amount > 5000.0');
    const again = bounded.compile('amount > 0.5');
    expect(again).not.toBe(first);
    expect(again.ok && first.ok && again.compiled.expr === first.compiled.expr).toBe(true);
  });

  it('a schema field of an unknown or missing type is dyn: it compares with anything', () => {
    const loose = new CelEnvironment({ x: { type: 'toString' }, y: null, z: { type: 5 } } as never);
    for (const v of ['x', 'y', 'z']) expect(loose.compile(`${v} == 1 && ${v} == "a"`).ok, v).toBe(true);
  });

  it('classifies errors: cel-js limits as limit, parse errors as syntax, checker errors as type, each at its node', () => {
    const dyn = new CelEnvironment();
    const list = `size([${Array.from({ length: 501 }, (_, i) => i).join(',')}]) > 0`;
    expect(dyn.compile(list)).toMatchObject({
      ok: false,
      error: { kind: 'limit', message: 'Exceeded maxListElements (500)' },
    });
    const args = `f(${Array.from({ length: 17 }, (_, i) => i).join(',')})`;
    expect(dyn.compile(args)).toMatchObject({
      ok: false,
      error: { kind: 'limit', message: 'Exceeded maxCallArguments (16)' },
    });
    // "a.b(" ends where the argument should be: offset 4
    expect(dyn.compile('a.b(')).toEqual({
      ok: false,
      error: { kind: 'syntax', message: 'Unexpected token: EOF', offset: 4 },
    });
    // "x == " is 5 characters: the + of a uint and an int starts at 5
    expect(dyn.compile('x == 1u + 1')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'no such overload: uint + int', offset: 5 },
    });
  });

  it('a non-bool expression is a type error at offset 0, naming its type', () => {
    expect(env.compile('amount')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'expression must be bool, but it is double', offset: 0 },
    });
    expect(env.compile('"a" + "b"')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'expression must be bool, but it is string', offset: 0 },
    });
  });

  it('reads and field paths: comprehension variables are not reads, dotted paths are', () => {
    const r = env.compile('items.exists(i, i == customer.tier) && amount > 0.0');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.compiled.reads.sort()).toEqual(['amount', 'customer', 'items']);
    expect(r.compiled.fieldPaths.sort()).toEqual(['amount', 'customer.tier', 'items']);
    const dyn = new CelEnvironment();
    const d = dyn.compile('[1, 2].all(x, x < limit) && a.b.c == 1 && size(g) > 0 && m[k] == 1');
    if (!d.ok) throw new Error(d.error.message);
    expect(d.compiled.reads.sort()).toEqual(['a', 'g', 'k', 'limit', 'm']);
    expect(d.compiled.fieldPaths.sort()).toEqual(['a.b.c', 'g', 'k', 'limit', 'm']);
  });

  it('reads inside map literals, conditionals and index expressions; a comprehension variable used outside it is read', () => {
    const dyn = new CelEnvironment();
    const readsOf = (expr: string) => {
      const r = dyn.compile(expr);
      if (!r.ok) throw new Error(r.error.message);
      return [[...r.compiled.reads].sort(), [...r.compiled.fieldPaths].sort()];
    };
    expect(readsOf('{"a": v, "b": w.x}.size() > 0')).toEqual([
      ['v', 'w'],
      ['v', 'w.x'],
    ]);
    expect(readsOf('m[k.j] == 1 ? p.o : false')).toEqual([
      ['k', 'm', 'p'],
      ['k.j', 'm', 'p.o'],
    ]);
    expect(readsOf('[a.b].exists(q, q.r == s.t)')).toEqual([
      ['a', 's'],
      ['a.b', 's.t'],
    ]);
    // a method's operands are reads (only a macro binds its first one); so are unary operands and
    // the object under a selection that is not a variable
    expect(readsOf('s.contains(t)')).toEqual([
      ['s', 't'],
      ['s', 't'],
    ]);
    expect(readsOf('!v && -x < 1')).toEqual([
      ['v', 'x'],
      ['v', 'x'],
    ]);
    expect(readsOf('[v][0].w == 1')).toEqual([['v'], ['v']]);
    expect(readsOf('items.map(x, x.y).size() > 0 && x.z == 1')).toEqual([
      ['items', 'x'],
      ['items', 'x.z'],
    ]);
  });

  it('cel.bind: neither `cel` nor the bound name is read; its value and body are', () => {
    const dyn = new CelEnvironment();
    const r = dyn.compile('cel.bind(q, a.b, q.c == 1 && d.e == q)');
    if (!r.ok) throw new Error(r.error.message);
    expect([...r.compiled.reads].sort()).toEqual(['a', 'd']);
    expect([...r.compiled.fieldPaths].sort()).toEqual(['a.b', 'd.e']);
    // the name is local to the body: used in the value it is a read
    const own = dyn.compile('cel.bind(q, q + 1, q > 2)');
    if (!own.ok) throw new Error(own.error.message);
    expect(own.compiled.reads).toEqual(['q']);
    // typed schema: an agent scope check sees only the declared field
    const typed = env.compile('cel.bind(v, amount, v > 1.0 && v < 9.0)');
    if (!typed.ok) throw new Error(typed.error.message);
    expect(typed.compiled.fieldPaths).toEqual(['amount']);
  });

  it('an undeclared path used twice is named at its first use', () => {
    // "amount > 1.0 && " is 16 characters
    expect(env.compile('amount > 1.0 && customer.tierr == "x" || customer.tierr == "y"')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'Unknown field: customer.tierr', offset: 16 },
    });
  });

  it('an undeclared nested path is named, with the offset of its root', () => {
    expect(env.compile('amount > 1.0 && customer.tierr == "x"')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'Unknown field: customer.tierr', offset: 16 },
    });
  });

  it('a guard holds only on exactly true, and an error does not hold', () => {
    const dyn = new CelEnvironment();
    const yes = dyn.compile('v');
    if (!yes.ok) throw new Error(yes.error.message);
    expect(guardHolds(yes.compiled, { v: true })).toEqual({ holds: true });
    expect(guardHolds(yes.compiled, { v: 1 })).toEqual({ holds: false });
    expect(guardHolds(yes.compiled, { v: 'true' })).toEqual({ holds: false });
    const err = guardHolds(yes.compiled, {});
    expect(err.holds).toBe(false);
    expect(err.error).toMatch(/v/);
    expect(err.error).not.toContain('\n');
  });
});
