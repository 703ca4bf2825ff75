// What analyzeCel learns about an expression (node count, literal sizes, comprehension nesting,
// size-dependent work inside a comprehension) and the cost bound it derives. Every figure is
// counted by hand from the checked AST (one node per operator, identifier, literal and call) and
// the cost model written in celCost.ts; the working is in the comments.
import { describe, expect, it } from 'vitest';
import type { CaseField } from '../model/types';
import { CelEnvironment, type CompiledCel } from './cel';
import { workBound, type CelShape } from './celLimits';

const schema: Record<string, CaseField> = {
  amount: { type: 'number' },
  name: { type: 'string' },
  items: { type: 'list' },
};
const env = new CelEnvironment(schema);
function shapeOf(expr: string): CelShape {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return (r.compiled as CompiledCel & { shape: CelShape }).shape;
}
const facts = ({
  nodes,
  comprehensionDepth,
  linearInsideComprehension,
  largestLiteral,
  minimumWork,
  constantWork,
}: CelShape) => ({
  nodes,
  comprehensionDepth,
  linearInsideComprehension,
  largestLiteral,
  minimumWork,
  constantWork,
});

describe('analyzeCel: the shape of an expression', () => {
  it('a comparison of a typed number: 3 nodes, constant work 4', () => {
    // > , amount, 1.0 = 3 nodes; work: 1 + 1 + the two operand sizes (1 + 1) = 4, amount is a typed scalar
    expect(facts(shapeOf('amount > 1.0'))).toEqual({
      nodes: 3,
      comprehensionDepth: 0,
      linearInsideComprehension: false,
      largestLiteral: 0,
      minimumWork: 4,
      constantWork: true,
    });
  });

  it('a comprehension over a list literal: depth 1, the literal size, and the per-element work', () => {
    // rcall exists, list, 1, 2, 3, x (the bound variable), >, x, 2 = 9 nodes
    // list: 3 elements of work 1, size 3 values + 3 entries = 6 → work 3 + 6 = 9, count 3
    // step x > 2: 1 + 1 + sizes 2 = 4; exists: 9 + 3 × (4 + 1) = 24
    expect(facts(shapeOf('[1, 2, 3].exists(x, x > 2)'))).toEqual({
      nodes: 9,
      comprehensionDepth: 1,
      linearInsideComprehension: false,
      largestLiteral: 3,
      minimumWork: 24,
      constantWork: true,
    });
    // == reads its operands' sizes: a size-dependent operation inside the comprehension
    expect(shapeOf('[1, 2, 3].exists(x, x == 2)').linearInsideComprehension).toBe(true);
  });

  it('a map literal: its entry count, and size() costs its receiver + 1', () => {
    // >, rcall size, map, "a", 1, "b", 2, 1 = 8 nodes; map: 4 values (work 4) + size 4 + 2 entries = 10;
    // size(): 11; > : 11 + 1 + sizes 2 = 14
    expect(facts(shapeOf('{"a": 1, "b": 2}.size() > 1'))).toEqual({
      nodes: 8,
      comprehensionDepth: 0,
      linearInsideComprehension: false,
      largestLiteral: 2,
      minimumWork: 14,
      constantWork: true,
    });
  });

  it('a linear call inside a comprehension is flagged; the same call outside is not', () => {
    // rcall exists, items, i, rcall contains, i, "a" = 6; contains: 1 + 1 + sizes 2 = 4; exists: 1 + 1 × (4 + 1) = 6
    expect(facts(shapeOf('items.exists(i, i.contains("a"))'))).toEqual({
      nodes: 6,
      comprehensionDepth: 1,
      linearInsideComprehension: true,
      largestLiteral: 0,
      minimumWork: 6,
      constantWork: false,
    });
    expect(facts(shapeOf('name.contains("a")'))).toEqual({
      nodes: 3,
      comprehensionDepth: 0,
      linearInsideComprehension: false,
      largestLiteral: 0,
      minimumWork: 4,
      constantWork: false,
    });
  });

  it('a map() producing lists: the produced size counts as work', () => {
    // >, size, map, items, i, list, i, i, 0 = 9 nodes. One-unit items: [i, i] size 2 + 2 = 4, work 2 + 4 = 6;
    // map: 1 + 1 × (6 + 1) = 8, produced 1 × (4 + 1) = 5 → 13; size(): 14; > : 14 + 1 + 2 = 17
    expect(facts(shapeOf('items.map(i, [i, i]).size() > 0'))).toEqual({
      nodes: 9,
      comprehensionDepth: 1,
      linearInsideComprehension: false,
      largestLiteral: 2,
      minimumWork: 17,
      constantWork: false,
    });
  });
});

describe('workBound: the bound for one input', () => {
  it('a two-element list of one-character strings, through the map() above: 37', () => {
    // items = ["a", "b"]: size 1 + (1 + 1) + (1 + 1) = 5, count 2, largest element 2
    // [i, i] with i of size 2: size 2 + 2 + 2 = 6, work 2 + 6 = 8; map: 1 + 2 × (8 + 1) = 19,
    // produced 2 × (6 + 1) = 14 → 33; size(): 34; > : 34 + 1 + 2 = 37
    expect(workBound(shapeOf('items.map(i, [i, i]).size() > 0'), { items: ['a', 'b'] })).toBe(37);
  });

  it('a typed-scalar expression has its constant bound whatever the input holds', () => {
    expect(workBound(shapeOf('amount > 1.0'), { amount: 'x'.repeat(1000) })).toBe(4);
  });

  it('only own properties of the input are measured (an inherited value counts one unit)', () => {
    const shape = shapeOf('name.contains("ab")');
    const inherited = Object.create({ name: 'x'.repeat(100) }) as Record<string, unknown>;
    // 1 (name) + 1 ("ab") + (1 + 1) + 2 read sizes = 5 as for a missing variable; own: 1 + 1 + 101 + 2 = 105
    expect(workBound(shape, inherited)).toBe(5);
    expect(workBound(shape, { name: 'x'.repeat(100) })).toBe(105);
  });

  it('a variable read twice is measured with the same extent both times', () => {
    // each contains: name (1) + "a" (1) + read sizes 11 (ten characters + 1) + 1 = 14; && : 14 + 14 + 1 = 29
    expect(workBound(shapeOf('name.contains("a") && name.contains("b")'), { name: 'x'.repeat(10) })).toBe(29);
  });
});
