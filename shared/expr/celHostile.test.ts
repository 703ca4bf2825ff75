/**
 * Hostile CEL (issue #17 items 1 and 3): backtracking regexes, cel.bind doubling, string/list
 * growth and the structural limits. Oracles are facts about the inputs (a text without "b" cannot
 * match a pattern ending in "b"; doubling k times multiplies a length by 2^k), never the engine.
 */
import { describe, expect, it } from 'vitest';
import { CEL_LIMITS, CelEnvironment, MAX_EVAL_WORK, MAX_EXPR_LENGTH, guardHolds, toCelVars } from './cel';
import { MAX_REGEX_PROGRAM } from './regex';

const env = new CelEnvironment({ note: { type: 'string' }, items: { type: 'list' } });
const compiled = (expr: string) => {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.compiled;
};
const timed = <T>(f: () => T): { value: T; ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

/** `cel.bind(v0, seed, cel.bind(v1, v0 + v0, … body))`: each level doubles the bound value. */
function doublingBinds(levels: number, seed: string, body: (last: string) => string): string {
  let expr = body(`v${levels}`);
  for (let i = levels; i >= 1; i--) expr = `cel.bind(v${i}, v${i - 1} + v${i - 1}, ${expr})`;
  return `cel.bind(v0, ${seed}, ${expr})`;
}

describe('regular expressions run in linear time (RE2)', () => {
  it('polynomial-backtracking patterns from the report return promptly on long inputs', () => {
    const cases = [
      { expr: 'note.matches("a*a*a*a*a*a*a*a*b")', note: 'a'.repeat(64), holds: false }, // no "b" in the text
      { expr: 'note.matches("a*a*a*a*a*a*a*a*b")', note: 'a'.repeat(100_000), holds: false },
      { expr: 'note.matches(".*.*.*.*.*.*!")', note: 'x'.repeat(64), holds: false }, // no "!" in the text
      { expr: 'note.matches(".*.*.*.*.*.*!")', note: 'x'.repeat(5_000) + '!', holds: true },
      { expr: 'note.matches("(a+)+$")', note: 'a'.repeat(30) + 'b', holds: false }, // exponential on a backtracking engine
      { expr: 'note.matches("(a|aa)*c")', note: 'a'.repeat(40), holds: false },
    ];
    for (const c of cases) {
      const { value, ms } = timed(() => guardHolds(compiled(c.expr), { note: c.note }));
      expect(value, c.expr).toEqual({ holds: c.holds });
      expect(ms, `${c.expr} on ${c.note.length} chars`).toBeLessThan(2_000);
    }
  });

  it('routes both call forms and calls inside comprehensions to RE2', () => {
    // RE2 syntax, not JavaScript's: \\pL and (?i) are RE2; a JS RegExp without the u flag rejects \\pL
    expect(guardHolds(compiled('note.matches("^\\\\pL+$")'), { note: 'Zoë' })).toEqual({ holds: true });
    expect(guardHolds(compiled('note.matches("(?i)^refund")'), { note: 'REFUND please' })).toEqual({ holds: true });
    expect(guardHolds(compiled('matches(note, "^ab")'), { note: 'abc' })).toEqual({ holds: true });
    const inLoop = timed(() =>
      guardHolds(compiled('items.exists(x, x.matches("a*a*a*a*a*a*a*a*b"))'), {
        items: ['a'.repeat(64), 'a'.repeat(64)],
      }),
    );
    expect(inLoop.value).toEqual({ holds: false });
    expect(inLoop.ms).toBeLessThan(2_000);
  });

  it('names matches (not an internal name) in type errors', () => {
    const r = env.compile('items.matches("a")');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/matches/);
    if (!r.ok) expect(r.error.message).not.toMatch(/Re2/);
  });

  it('refuses a pattern whose compiled program is too large for its short text', () => {
    const r = env.compile('note.matches("a{1000}b{1000}c{1000}d{1000}e{1000}")');
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'limit', message: expect.stringContaining(`limit is ${MAX_REGEX_PROGRAM}`) },
    });
  });
});

describe('value growth is bounded before anything runs', () => {
  it('22 nested cel.bind doublings (the reported 550-character expression) are refused at compile time', () => {
    const expr = doublingBinds(22, '"0123456789"', (last) => `size(${last}) > 0`);
    expect(expr.length).toBeGreaterThan(500);
    const { value, ms } = timed(() => env.compile(expr));
    expect(value).toMatchObject({ ok: false, error: { kind: 'limit', message: expect.stringMatching(/cel\.bind/) } });
    expect(ms).toBeLessThan(2_000);
  });

  it('the same doubling of a list is refused too', () => {
    expect(env.compile(doublingBinds(22, '[1, 2, 3]', (last) => `size(${last}) > 0`))).toMatchObject({
      ok: false,
      error: { kind: 'limit' },
    });
  });

  it('a few doublings run and give the right answer (the bound does not refuse what is cheap)', () => {
    // 10 doublings of a 3-character note: 3 × 2^10 characters
    const expr = compiled(doublingBinds(10, 'note', (last) => `size(${last}) == 3072`));
    expect(guardHolds(expr, { note: 'abc' })).toEqual({ holds: true });
  });

  it('doubling an input: refused at run time when the input makes it too big, before any allocation', () => {
    const expr = compiled(doublingBinds(16, 'note', (last) => `size(${last}) > 0`)); // 2^17 × |note|
    expect(guardHolds(expr, { note: 'ab' })).toEqual({ holds: true });
    const { value, ms } = timed(() => guardHolds(expr, { note: 'x'.repeat(1_000) })); // 1.3e8 characters
    expect(value.holds).toBe(false);
    expect(value.error).toMatch(/evaluation refused/);
    expect(ms).toBeLessThan(500);
  });

  it('quadratic growth through map is budgeted per evaluation', () => {
    const copies = compiled('items.map(x, note + note).size() > 0'); // |items| × 2|note| characters
    const list = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(guardHolds(copies, { items: list(100), note: 'x'.repeat(100) })).toEqual({ holds: true });
    expect(guardHolds(copies, { items: list(20_000), note: 'x'.repeat(20_000) }).error).toMatch(/evaluation refused/); // 8e8 characters
    const map = compiled('items.map(x, items).size() > 0');
    expect(guardHolds(map, { items: Array.from({ length: 100 }, (_, i) => i) })).toEqual({ holds: true });
    expect(guardHolds(map, { items: Array.from({ length: 20_000 }, (_, i) => i) }).error).toMatch(/evaluation refused/);
  });

  it('the budget covers expressions without comprehensions: concatenating a huge input is refused', () => {
    const expr = compiled('note + note + note != ""');
    expect(guardHolds(expr, { note: 'short' })).toEqual({ holds: true });
    expect(guardHolds(expr, { note: 'x'.repeat(MAX_EVAL_WORK) }).error).toMatch(/evaluation refused/);
  });
});

describe('structural limits are enforced (each one, at its edge)', () => {
  const refused = (expr: string) => {
    const r = env.compile(expr);
    return !r.ok && r.error.kind === 'limit';
  };
  it('expression length', () => {
    const padded = (n: number) => `note == "${'x'.repeat(n - 10)}"`;
    expect(padded(MAX_EXPR_LENGTH).length).toBe(MAX_EXPR_LENGTH);
    expect(env.compile(padded(MAX_EXPR_LENGTH)).ok).toBe(true);
    expect(refused(padded(MAX_EXPR_LENGTH + 1))).toBe(true);
  });
  it('AST nodes, depth, list and map literal sizes, call arguments', () => {
    const ors = (n: number) => Array.from({ length: n }, () => 'true').join(' || ');
    expect(env.compile(ors(300)).ok).toBe(true);
    expect(refused(ors(CEL_LIMITS.maxAstNodes + 1))).toBe(true);
    const nested = (n: number) => `${'('.repeat(n)}true${')'.repeat(n)}`;
    expect(env.compile(nested(10)).ok).toBe(true);
    expect(refused(nested(CEL_LIMITS.maxDepth + 1))).toBe(true);
    const list = (n: number) => `size([${Array.from({ length: n }, (_, i) => i).join(',')}]) > 0`;
    expect(env.compile(list(CEL_LIMITS.maxListElements)).ok).toBe(true);
    expect(refused(list(CEL_LIMITS.maxListElements + 1))).toBe(true);
    const map = (n: number) => `size({${Array.from({ length: n }, (_, i) => `${i}: 1`).join(',')}}) > 0`;
    expect(env.compile(map(CEL_LIMITS.maxMapEntries)).ok).toBe(true);
    expect(refused(map(CEL_LIMITS.maxMapEntries + 1))).toBe(true);
    const args = (n: number) => `f(${Array.from({ length: n }, () => '1').join(',')})`;
    expect(refused(args(CEL_LIMITS.maxCallArguments + 1))).toBe(true);
  });
});

describe('guards see own attributes only', () => {
  it('an attributes object whose prototype a reader let "__proto__" set shows guards none of the inherited fields', () => {
    const attributes = JSON.parse('{"note": "x"}') as Record<string, string>;
    Object.setPrototypeOf(attributes, { polluted: 'yes' }); // what `attrs["__proto__"] = {...}` does in a reader
    const dyn = new CelEnvironment();
    const r = dyn.compile('polluted == "yes"');
    expect(r.ok).toBe(true);
    const vars = toCelVars(attributes, {});
    expect(Object.getPrototypeOf(vars)).toBeNull();
    if (r.ok) expect(guardHolds(r.compiled, vars).holds).toBe(false);
    const own = dyn.compile('note == "x"');
    if (own.ok) expect(guardHolds(own.compiled, vars)).toEqual({ holds: true });
  });
});
