/**
 * buildCase shares the first event's attributes object as the case's when the case has no
 * case-level attributes and the event no lifecycle (assemble.ts, caseAttributes). Against a copy
 * of the plain key-by-key copy as the oracle, over generated dictionaries: the same keys in the
 * same order, the same values (Object.is: -0 is not 0), nothing inherited, and, when shared, the
 * object frozen so a write fails instead of changing the event too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttrValue } from '../model/types';
import { buildCase, LIFECYCLE_KEY } from './assemble';
import { inheritsNothing, newAttrs } from './dictionaries';

/** buildCase's attributes before sharing: a fresh prototype-free copy, key by key. */
function plainCopy(
  first: Record<string, AttrValue> | undefined,
  caseAttrs: Record<string, AttrValue> | undefined,
): Record<string, AttrValue> {
  const attributes = newAttrs();
  if (first) for (const k of Object.keys(first)) if (k !== LIFECYCLE_KEY) attributes[k] = first[k]!;
  if (caseAttrs) for (const k of Object.keys(caseAttrs)) attributes[k] = caseAttrs[k]!;
  return attributes;
}

const key = fc.constantFrom('tier', 'channel', 'amount', LIFECYCLE_KEY, 'org:group', '1', 'x y');
const value = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(0, -0, 1.5, true, false, null));
/** A dictionary as the readers make it (newAttrs), or, now and then, a plain object literal. */
const dict = fc
  .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean(), fc.integer({ min: 0, max: 9 }))
  .map(([entries, frozen, plain]) => {
    const d: Record<string, AttrValue> = plain === 0 ? {} : newAttrs();
    for (const [k, v] of entries) d[k] = v;
    return frozen ? Object.freeze(d) : d;
  });

const entries = (o: object) => Object.keys(o).map((k) => [k, (o as Record<string, AttrValue>)[k]]);

describe('buildCase: the first event’s attributes shared as the case’s', () => {
  it('gives the same keys, order and values as the plain copy, inheriting nothing', () => {
    fc.assert(
      fc.property(
        fc.option(dict, { nil: undefined }),
        fc.oneof(fc.constant(undefined), fc.constant('empty'), dict),
        (first, ca) => {
          const caseAttrs = ca === 'empty' ? newAttrs() : ca;
          const want = plainCopy(first, caseAttrs);
          const c = buildCase('k', caseAttrs, first === undefined ? [] : [{ activity: 'A', attributes: first }], false);
          const got = entries(c.attributes);
          expect(got.length).toBe(Object.keys(want).length);
          entries(want).forEach(([k, v], i) => {
            expect(got[i]![0]).toBe(k);
            expect(Object.is(got[i]![1], v)).toBe(true);
          });
          expect(inheritsNothing(c.attributes)).toBe(true);
          if (first !== undefined && c.attributes === first) {
            // shared: only when nothing had to be left out or added
            expect(LIFECYCLE_KEY in first).toBe(false);
            expect(Object.keys(caseAttrs ?? {})).toEqual([]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('shares a reader’s dictionary frozen, so a write to it fails', () => {
    const first = newAttrs();
    first.tier = 'gold';
    first.amount = -0;
    const events = [{ activity: 'A', attributes: first }];
    for (const caseAttrs of [undefined, newAttrs()]) {
      const c = buildCase('k', caseAttrs, events, false);
      expect(c.attributes).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      expect(() => {
        c.attributes.tier = 'silver';
      }).toThrow(TypeError);
      expect(first.tier).toBe('gold');
    }
  });

  it('copies when there is a lifecycle to leave out or a case-level value to add', () => {
    const first = newAttrs();
    first.tier = 'gold';
    first[LIFECYCLE_KEY] = 'complete';
    expect(buildCase('k', undefined, [{ activity: 'A', attributes: first }], false).attributes).not.toBe(first);
    const plain = newAttrs();
    plain.tier = 'gold';
    const caseAttrs = newAttrs();
    caseAttrs.region = 'EU';
    const c = buildCase('k', caseAttrs, [{ activity: 'A', attributes: plain }], false);
    expect(c.attributes).not.toBe(plain);
    expect(Object.isFrozen(plain)).toBe(false);
  });
});
