// analyzeCel's compile-time rules (celLimits.ts), each at its edge, with offsets counted by hand in
// the expression text: comprehension nesting (what counts as nested and what does not), literal
// patterns for matches(), which operations count as size-dependent inside a comprehension, the
// largest literal, and the wording of the refusals.
import { describe, expect, it } from 'vitest';
import { CelEnvironment, MAX_COMPREHENSION_NESTING, MAX_EVAL_WORK } from './cel';
import type { CelShape } from './celLimits';

const env = new CelEnvironment({ note: { type: 'string' }, items: { type: 'list' }, amount: { type: 'number' } });
const shapeOf = (expr: string): CelShape => {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.compiled.shape!;
};
const errorOf = (expr: string) => {
  const r = env.compile(expr);
  if (r.ok) throw new Error(`${expr} compiled`);
  return r.error;
};

describe('comprehension nesting', () => {
  it(`is allowed ${MAX_COMPREHENSION_NESTING} deep and refused one deeper, at the innermost comprehension`, () => {
    expect(MAX_COMPREHENSION_NESTING).toBe(2);
    expect(shapeOf('items.all(a, items.all(b, true))').comprehensionDepth).toBe(2);
    // "items.all(a, " and "items.all(b, " are 13 characters each: the third starts at 26
    expect(errorOf('items.all(a, items.all(b, items.all(c, true)))')).toEqual({
      kind: 'limit',
      message: 'comprehensions nested 3 deep; the limit is 2',
      offset: 26,
    });
    // every macro counts: "items.exists_one(a, " is 20 characters
    expect(errorOf('items.exists_one(a, items.exists_one(b, items.exists_one(c, true)))')).toMatchObject({
      offset: 40,
    });
    expect(errorOf('items.map(a, items.filter(b, items.exists(c, true))).size() > 0').message).toBe(
      'comprehensions nested 3 deep; the limit is 2',
    );
  });

  it('a comprehension over the result of another (its range) is not nested in it', () => {
    expect(shapeOf('items.filter(a, true).filter(b, true).filter(c, true).size() > 0').comprehensionDepth).toBe(1);
    expect(shapeOf('items.map(a, items.map(b, b)).size() > 0').comprehensionDepth).toBe(2);
  });

  it('a plain method call is not a comprehension', () => {
    expect(shapeOf('note.contains("a") && note.startsWith("b")').comprehensionDepth).toBe(0);
  });
});

describe('matches() takes a literal RE2 pattern', () => {
  it('refuses a pattern read from a variable, pointing at the pattern', () => {
    // "note.matches(" is 13 characters; "matches(note, " is 14
    expect(errorOf('note.matches(note)')).toEqual({
      kind: 'limit',
      message: 'matches() needs a literal pattern string',
      offset: 13,
    });
    expect(errorOf('matches(note, note)')).toEqual({
      kind: 'limit',
      message: 'matches() needs a literal pattern string',
      offset: 14,
    });
  });

  it('refuses a literal that is not RE2, with the reason', () => {
    const e = errorOf('note.matches("(")');
    expect([e.kind, e.offset]).toEqual(['limit', 13]);
    expect(e.message).toMatch(/^regular expression is not valid RE2 syntax/);
  });

  it('accepts a valid literal in both call forms', () => {
    expect(env.compile('note.matches("^a+$")').ok).toBe(true);
    expect(env.compile('matches(note, "^a+$")').ok).toBe(true);
  });
});

describe('size-dependent work inside a comprehension', () => {
  it('is flagged for each operation whose cost follows its operand’s size', () => {
    const linear = [
      'size(i) > 0',
      'i.size() > 0',
      'i.contains("a")',
      'i.startsWith("a")',
      'i.endsWith("a")',
      'i.matches("a")',
      'matches(i, "a")',
      'i.join(",") == ""',
      'i.split(",").size() > 0',
      'i.indexOf("a") > 0',
      'i.lastIndexOf("a") > 0',
      'i.lowerAscii() == ""',
      'i.upperAscii() == ""',
      'i.trim() == ""',
      'i.substring(1) == ""',
      'i in items',
      'i + i == i',
      'i != 1',
    ];
    for (const body of linear) expect(shapeOf(`items.exists(i, ${body})`).linearInsideComprehension, body).toBe(true);
  });

  it('is not flagged for an ordering comparison or a constant, nor outside a comprehension', () => {
    expect(shapeOf('items.exists(i, i < 1)').linearInsideComprehension).toBe(false);
    expect(shapeOf('items.exists(i, true)').linearInsideComprehension).toBe(false);
    expect(shapeOf('note.contains("a") && note == "b" && size(items) > 0').linearInsideComprehension).toBe(false);
  });
});

describe('largest literal and node count', () => {
  it('is the largest list or map literal anywhere in the expression', () => {
    // nodes: exists, list, 1, 2, x, exists, list, 3, 4, 5, y, ==, x, y = 14
    expect(shapeOf('[1, 2].exists(x, [3, 4, 5].exists(y, x == y))')).toMatchObject({
      largestLiteral: 3,
      comprehensionDepth: 2,
      nodes: 14,
    });
    expect(shapeOf('{"a": 1, "b": 2, "c": 3}.size() > size([1])').largestLiteral).toBe(3);
    expect(shapeOf('amount > 1.0').largestLiteral).toBe(0);
  });
});

describe('the cost floor', () => {
  it('names the floor and the limit when even one-unit inputs cost too much', () => {
    // 20 doublings of a 10-character string: at least 10 × 2^20 characters of work
    let expr = 'size(v20) > 0';
    for (let i = 20; i >= 1; i--) expr = `cel.bind(v${i}, v${i - 1} + v${i - 1}, ${expr})`;
    expr = `cel.bind(v0, "0123456789", ${expr})`;
    const e = errorOf(expr);
    expect([e.kind, e.offset]).toEqual(['limit', 0]);
    expect(e.message).toMatch(/^expression costs at least \d\.\de\+\d+ steps even on one-character inputs/);
    expect(e.message).toContain(`the limit is ${MAX_EVAL_WORK.toExponential(0)}`);
    expect(MAX_EVAL_WORK.toExponential(0)).toBe('1e+7');
  });
});
