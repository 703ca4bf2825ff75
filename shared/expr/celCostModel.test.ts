// The cost walk node by node, each figure worked out by hand from the rules in celCost.ts's
// comments (a node visited costs one unit; reading or producing a value costs its size; a
// comprehension costs its step once per element; a regex match costs text × RE2 program). The
// inputs have a different size, element count and largest element, so a rule that reads the wrong
// field, or drops a term, changes a figure here.
import { describe, expect, it } from 'vitest';
import type { CaseField } from '../model/types';
import { CelEnvironment, type CompiledCel } from './cel';
import { costOf, type Cost, type Extent } from './celCost';
import type { CelShape } from './celLimits';
import { RE2_MATCHES } from './regex';

const schema: Record<string, CaseField> = {
  name: { type: 'string' },
  items: { type: 'list' },
  tags: { type: 'map' },
  amount: { type: 'number' },
  n: { type: 'int' },
  'customer.tier': { type: 'int' },
};
const typed = new CelEnvironment(schema);
/** No schema: every variable is dyn, so operators on them are not typed scalars. */
const untyped = new CelEnvironment({});

// name: a 20-character string (size 21, 20 characters, each one unit); items: 10 elements, 100 in
// all, the largest 7; tags: 6 keys and values, 50 in all, the largest 9; d: 5 elements, 13 in all,
// the largest 4. The typed scalars get a huge extent: the bound must not read it.
const HUGE: Extent = { size: 1e6, count: 1e6, elem: 1e6 };
const EXTENTS: Record<string, Extent> = {
  name: { size: 21, count: 20, elem: 1 },
  items: { size: 100, count: 10, elem: 7 },
  tags: { size: 50, count: 6, elem: 9 },
  d: { size: 13, count: 5, elem: 4 },
  amount: HUGE,
  n: HUGE,
  customer: HUGE,
};
const ONE: Extent = { size: 1, count: 1, elem: 1 };
const inputs = (name: string): Extent => (Object.hasOwn(EXTENTS, name) ? EXTENTS[name]! : ONE);

interface Node {
  op: string;
  args: unknown;
}
function astOf(expr: string, env = typed): Node {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return (r.compiled as CompiledCel & { shape: CelShape }).shape.ast as Node;
}
/** The cost of the whole (bool) expression. */
const costOfExpr = (expr: string, env = typed): Cost => costOf(astOf(expr, env), inputs);
/** The cost of the left operand of a top-level comparison: how non-bool values are reached. */
const costOfLeft = (expr: string, env = typed): Cost => costOf((astOf(expr, env).args as unknown[])[0], inputs);
const c = (size: number, count: number, elem: number, work: number): Cost => ({ size, count, elem, work });
const scalar = (work: number): Cost => c(1, 1, 1, work);
const id = (name: string): Node => ({ op: 'id', args: name });

describe('cost of leaves', () => {
  it('a literal is as large as its characters or bytes (at least one unit) and costs one step', () => {
    expect(costOfLeft('"abc" == ""')).toEqual(c(3, 3, 1, 1));
    expect(costOfLeft('"" == "a"')).toEqual(c(1, 1, 1, 1));
    expect(costOfLeft('b"ab" == b""')).toEqual(c(2, 2, 1, 1));
    expect(costOfLeft('7 == 1')).toEqual(c(1, 1, 1, 1));
  });

  it('a variable has its input extent, unless the checker typed it as a scalar', () => {
    expect(costOfLeft('name == ""')).toEqual(c(21, 20, 1, 1));
    expect(costOfLeft('items == []')).toEqual(c(100, 10, 7, 1));
    expect(costOfLeft('amount > 1.0')).toEqual(scalar(1));
    expect(costOfLeft('n > 1')).toEqual(scalar(1));
  });

  it('anything that is not an AST node counts one unit', () => {
    expect(costOf(null, inputs)).toEqual(scalar(1));
    expect(costOf('name', inputs)).toEqual(scalar(1));
    expect(costOf({ op: 3, args: [] }, inputs)).toEqual(scalar(1));
    expect(costOf({ args: [id('name')] }, inputs)).toEqual(scalar(1));
  });
});

describe('cost of selections', () => {
  it('a field or index reads the object and yields one element of it', () => {
    // d.x: d (1) + the selection (1); the result is one element of d, at most 4
    expect(costOfLeft('d.x == 1', untyped)).toEqual(c(4, 4, 4, 2));
    // items[0]: items (1) + the index literal (1) + the selection (1); at most 7
    expect(costOfLeft('items[0] == 1')).toEqual(c(7, 7, 7, 3));
    // a typed field of a declared object is one unit, whatever the object's input size
    expect(costOfLeft('customer.tier == 1')).toEqual(scalar(2));
  });

  it('optional selections (.? and [?]) are priced like the plain ones', () => {
    expect(costOf({ op: '.?', args: [id('tags'), 'a'] }, inputs)).toEqual(c(9, 9, 9, 2));
    expect(costOf({ op: '[?]', args: [id('items'), { op: 'value', args: 0n }] }, inputs)).toEqual(c(7, 7, 7, 3));
  });
});

describe('cost of literals that build values', () => {
  it('a list is its elements plus one unit each, and costs their work plus its size', () => {
    // [name, "ab"]: sizes 21 + 2, plus 2 elements = 25; work 1 + 1 + 25
    expect(costOfLeft('[name, "ab"] == []')).toEqual(c(25, 2, 21, 27));
    // the empty list: one unit, no work
    expect(costOfLeft('[] == [1]')).toEqual(c(1, 1, 1, 0));
    expect(costOf({ op: 'list', args: 'not a list' }, inputs)).toEqual(c(1, 1, 1, 0));
  });

  it('a map counts each key and value, one unit per entry', () => {
    // {"a": name}: 1 + 21 + 1 entry = 23; work 1 + 1 + 23
    expect(costOfLeft('{"a": name} == {}')).toEqual(c(23, 1, 21, 25));
    // {"a": name, "bc": name}: 1 + 21 + 2 + 21 + 2 entries = 47; work 4 + 47
    expect(costOfLeft('{"a": name, "bc": name} == {}')).toEqual(c(47, 2, 21, 51));
  });
});

describe('cost of operators', () => {
  it('a conditional is as large as its larger branch, each extent on its own', () => {
    // condition amount > 1.0: 1 + 1 + reading two units (2) = 4; items (100, 10, 7; work 1) or
    // [name] (22, 1, 21; work 1 + 22 = 23): the larger size and count are items', the larger element [name]'s
    expect(costOfLeft('(amount > 1.0 ? items : [name]) == []')).toEqual(c(100, 10, 21, 4 + 23));
  });

  it('concatenation adds sizes and counts and costs the size it produces', () => {
    expect(costOfLeft('name + "ab" == ""')).toEqual(c(23, 22, 1, 1 + 1 + 23));
    // items + [name]: 100 + 22, 10 + 1 elements, largest 21; work 1 + 23 + 122
    expect(costOfLeft('items + [name] == []')).toEqual(c(122, 11, 21, 146));
    // typed numbers: one step for the + over its operands, whatever the inputs
    expect(costOfLeft('n + 1 == 2')).toEqual(scalar(3));
  });

  it('comparisons and `in` read both operands; other operators cost one step', () => {
    expect(costOfExpr('name == "ab"')).toEqual(scalar(1 + 1 + 21 + 2));
    expect(costOfExpr('name != "ab"')).toEqual(scalar(1 + 1 + 21 + 2));
    expect(costOfExpr('name < "b"')).toEqual(scalar(1 + 1 + 21 + 1));
    expect(costOfExpr('name in items')).toEqual(scalar(1 + 1 + 21 + 100));
    expect(costOfExpr('!(amount > 1.0)')).toEqual(scalar(4 + 1));
    expect(costOfExpr('amount > 1.0 && name == "ab"')).toEqual(scalar(4 + 25 + 1));
  });

  it('an untyped operator yields its operands together: sizes and counts add, the largest element stays', () => {
    expect(costOfLeft('-d < 1', untyped)).toEqual(c(13, 5, 4, 2));
    expect(costOfLeft('(d - d) < 1', untyped)).toEqual(c(26, 10, 4, 3));
    // <: the operand (work 3, size 26) and the literal (1, 1), both read
    expect(costOfExpr('(d - d) < 1', untyped)).toEqual(scalar(3 + 1 + 26 + 1));
    // an operator node with no operands is one step
    expect(costOf({ op: '-', args: [] }, inputs)).toEqual(scalar(1));
  });
});

describe('cost of cel.bind', () => {
  it('the bound value is computed once and counted at every use', () => {
    // v = name (work 1); v + v: 42 in size, 40 characters, work 1 + 1 + 42
    expect(costOfLeft('cel.bind(v, name, v + v) == "a"')).toEqual(c(42, 40, 1, 1 + 44));
    expect(costOfExpr('cel.bind(v, name, v + v) == "a"')).toEqual(scalar(45 + 1 + 42 + 1));
    // nested, the value doubles again: v = (42, 40, work 45); v + v = 84 in size, work 1 + 1 + 84
    expect(costOfLeft('cel.bind(v, cel.bind(w, name, w + w), v + v) == "a"')).toEqual(c(84, 80, 1, 45 + 86));
  });
});

describe('cost of comprehensions', () => {
  it('map: the step once per element, and the list it produces', () => {
    // items.map(x, x): x is one element (7); work 1 + 10 × (1 + 1); result 10 × (7 + 1) = 80
    expect(costOfLeft('items.map(x, x) == []')).toEqual(c(80, 10, 7, 21 + 80));
    // with a filter step: x > 1 costs 1 + 1 + 7 + 1 = 10, the transform 1; the result is the transform's
    expect(costOfLeft('items.map(x, x > 1, x) == []', untyped)).toEqual(c(80, 10, 7, 1 + 10 * 12 + 80));
  });

  it('filter keeps the list’s extent; exists and all are one unit', () => {
    // step x == 1: 1 + 1 + 7 + 1 = 10; work 1 + 10 × (10 + 1)
    expect(costOfLeft('items.filter(x, x == 1) == []')).toEqual(c(100, 10, 7, 111));
    expect(costOfExpr('items.exists(x, x == 1)')).toEqual(scalar(111));
    expect(costOfExpr('items.all(x, x == 1)')).toEqual(scalar(111));
    expect(costOfExpr('items.exists_one(x, x == 1)')).toEqual(scalar(111));
    // over a map: k is one of its keys or values (9); 6 of them; step 1 + 1 + 9 + 1 = 12
    expect(costOfExpr('tags.all(k, k == "a")')).toEqual(scalar(1 + 6 * 13));
    // over a literal: its work (23) once, its one element (21) in the step
    expect(costOfExpr('[name].exists(x, x == "a")')).toEqual(scalar(23 + 1 * (1 + 1 + 21 + 1 + 1)));
  });

  it('nested: the outer variable keeps its extent inside the inner step', () => {
    // inner step y == x: 1 + 1 + 7 + 7 = 16; inner 1 + 10 × 17 = 171; outer 1 + 10 × (171 + 1)
    expect(costOfExpr('items.all(x, items.exists(y, y == x))')).toEqual(scalar(1721));
  });
});

describe('cost of calls', () => {
  // RE2's compiler (re2js, as RE2/RE2J): "a+" is fail, rune 'a', alt (loop back), match = 4
  // instructions; "(a)" adds two capture instructions = 5
  it('matches(): the text once per instruction of the pattern’s RE2 program, in both call forms', () => {
    expect(costOfExpr('name.matches("a+")')).toEqual(scalar(1 + 1 + 21 * 4));
    expect(costOfExpr('matches(name, "a+")')).toEqual(scalar(1 + 1 + 21 * 4));
    expect(costOfExpr('name.matches("(a)")')).toEqual(scalar(1 + 1 + 21 * 5));
  });

  it('matches() on a pattern the compiler never saw: its size, or its length when it is not RE2', () => {
    // a non-literal pattern (name): the program is at most the inputs' size, 21 + 21
    const dynamic = { op: 'rcall', args: [RE2_MATCHES, id('name'), [id('name')]] };
    expect(costOf(dynamic, inputs)).toEqual(scalar(2 + 21 * 42));
    // "((" does not parse: its length, 2, stands in for the program
    const broken = { op: 'call', args: [RE2_MATCHES, [id('name'), { op: 'value', args: '((' }]] };
    expect(costOf(broken, inputs)).toEqual(scalar(2 + 21 * 2));
  });

  it('size() and at() cost one step over their operands, whatever their size', () => {
    expect(costOfLeft('size(name) > 1')).toEqual(scalar(1 + 1));
    expect(costOfLeft('name.size() > 1')).toEqual(scalar(1 + 1));
    expect(costOfLeft('items.at(0) == 1', untyped)).toEqual(scalar(1 + 1 + 1));
    // a call with no operand list at all
    expect(costOf({ op: 'call', args: ['size'] }, inputs)).toEqual(scalar(1));
  });

  it('a call that returns a scalar reads all its operands', () => {
    // name.contains("ab"): work 1 + 1, sizes 21 + 2
    expect(costOfExpr('name.contains("ab")')).toEqual(scalar(2 + 23));
    expect(costOfExpr('name.startsWith("ab")')).toEqual(scalar(2 + 23));
  });

  it('join() produces the list plus one separator per element', () => {
    // items.join(","): 100 + 10 × 1; work 1 + 1 + 110
    expect(costOfLeft('items.join(",") == ""')).toEqual(c(110, 110, 110, 112));
    expect(costOfLeft('items.join("--") == ""')).toEqual(c(120, 120, 120, 122));
    // no separator: the list's own size
    expect(costOfLeft('items.join() == ""')).toEqual(c(100, 100, 100, 101));
    // the call form has no receiver: one unit, plus the operand once
    expect(costOf({ op: 'call', args: ['join', [id('items')]] }, inputs)).toEqual(c(101, 101, 101, 102));
  });

  it('other calls produce at most twice their inputs plus a formatted number', () => {
    // name.lowerAscii(): 2 × 21 + 32 = 74; work 1 + 74
    expect(costOfLeft('name.lowerAscii() == ""')).toEqual(c(74, 74, 74, 75));
    // string(amount): 2 × 1 + 32 = 34; work 1 + 34
    expect(costOfLeft('string(amount) == ""')).toEqual(c(34, 34, 34, 35));
    // a method called bind on something other than cel is an ordinary call: receiver d and two operands
    const bindOnD = { op: 'rcall', args: ['bind', id('d'), [id('v'), id('name')]] };
    expect(costOf(bindOnD, inputs)).toEqual(c(2 * (13 + 1 + 21) + 32, 102, 102, 3 + 102));
    // a comprehension name whose first operand is not a variable is an ordinary call too
    const mapOfLiteral = { op: 'rcall', args: ['map', id('d'), [{ op: 'value', args: 'x' }]] };
    expect(costOf(mapOfLiteral, inputs)).toEqual(c(2 * 14 + 32, 60, 60, 2 + 60));
    // ... and so is one with no operands at all: d alone, 2 × 13 + 32
    expect(costOf({ op: 'rcall', args: ['exists', id('d'), []] }, inputs)).toEqual(c(58, 58, 58, 1 + 58));
    // a function (not a method) named like a macro: operands d and name, 2 × 34 + 32
    const allCall = { op: 'call', args: ['all', [id('d'), id('name')]] };
    expect(costOf(allCall, inputs)).toEqual(c(100, 100, 100, 2 + 100));
    // bind on the string "cel", or a method other than bind on a variable named cel: ordinary calls
    const bindOnString = { op: 'rcall', args: ['bind', { op: 'value', args: 'cel' }, [id('v'), id('name'), id('v')]] };
    expect(costOf(bindOnString, inputs)).toEqual(c(2 * (3 + 1 + 21 + 1) + 32, 84, 84, 4 + 84));
    const containsOnCel = { op: 'rcall', args: ['contains', id('cel'), [{ op: 'value', args: 'a' }]] };
    expect(costOf(containsOnCel, inputs)).toEqual(c(36, 36, 36, 2 + 36));
    // the call form of bind has no receiver: an ordinary call over its operands
    const bindCall = { op: 'call', args: ['bind', [id('v'), id('name'), id('v')]] };
    expect(costOf(bindCall, inputs)).toEqual(c(2 * 23 + 32, 78, 78, 3 + 78));
  });

  it('matches() with no pattern operand: the text against its own size', () => {
    expect(costOf({ op: 'rcall', args: [RE2_MATCHES, id('name'), []] }, inputs)).toEqual(scalar(1 + 21 * 21));
  });
});
