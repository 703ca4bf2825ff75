/**
 * Property: for ANY graph (odd names, spaces, markup, control characters, multi-line guards,
 * compound states, every transition kind), SCXML and XState JSON export → import change nothing
 * diffGraphs can see, and XState builds the same structure from the XState JSON export as from
 * the original machine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../model/defaults';
import { diffGraphs, isEmptyDiff } from '../model/diff';
import { flattenMachine } from '../model/flatten';
import type { GraphDoc, StateConfig, Tier, TransitionConfig } from '../model/types';
import { exportScxml } from './scxml/exportScxml';
import { importScxml } from './scxml/importScxml';
import { withExplicitInitials, xstateStructure } from './testing/xstateStructure';
import { importXStateConfig } from './xstateImport';
import { toXStateConfig } from './xstateJson';

const text = fc.oneof(
  fc.constantFrom(
    'review',
    'Issue refund',
    '<script>',
    'a"b\'c',
    'tab\there',
    'line\nbreak',
    'cr\r\nlf',
    'émoji 🙂',
    'ctl\u0001x',
    '&amp;',
    'x y  z',
  ),
  fc.string({ minLength: 1, maxLength: 6, unit: 'binary-ascii' }),
);
/** State names: anything but what XState gives meaning to ('.', '#', leading '$'). */
const name = text.filter((s) => s.length > 0 && !/[.#]/.test(s) && !s.startsWith('$') && s.trim() === s);
const tier = fc.constantFrom<Tier | undefined>('auto', 'suggest', 'human', undefined);

interface Shape {
  name: string;
  final: boolean;
  children: Shape[];
}
const leaf = fc.record({ name, final: fc.boolean(), children: fc.constant([] as Shape[]) });
const shape: fc.Arbitrary<Shape> = fc.oneof(
  leaf,
  fc.record({
    name,
    final: fc.constant(false),
    children: fc.uniqueArray(leaf, { minLength: 1, maxLength: 3, selector: (s) => s.name }),
  }),
);

const graph = fc
  .record({
    shapes: fc.uniqueArray(shape, { minLength: 1, maxLength: 4, selector: (s) => s.name }),
    seeds: fc.array(
      fc.record({
        kind: fc.constantFrom('always', 'on', 'after'),
        event: text,
        delay: fc.constantFrom('100', '5000'),
        to: fc.nat(),
        guard: fc.option(text, { nil: undefined }),
        tier,
        activity: fc.option(text, { nil: undefined }),
      }),
      { maxLength: 12 },
    ),
    rollout: fc.constantFrom('observe', 'assist', 'autonomy'),
  })
  .map(({ shapes, seeds, rollout }): GraphDoc => {
    const keys: Array<{ key: string; config: StateConfig }> = [];
    const build = (s: Shape, prefix: string): StateConfig => {
      const config: StateConfig = s.children.length ? { states: {} } : s.final ? { type: 'final' } : {};
      keys.push({ key: prefix + s.name, config });
      for (const c of s.children) config.states![c.name] = build(c, `${prefix}${s.name}.`);
      return config;
    };
    const states = Object.fromEntries(shapes.map((s) => [s.name, build(s, '')]));
    const sources = keys.filter((k) => k.config.type !== 'final');
    seeds.forEach((seed, i) => {
      if (sources.length === 0) return;
      const source = sources[i % sources.length]!.config;
      const t: TransitionConfig = { target: `#m.${keys[seed.to % keys.length]!.key}` };
      if (seed.guard !== undefined) t.guard = { type: 'cel', params: { expr: seed.guard } };
      if (seed.tier) t.meta = { tier: seed.tier };
      if (seed.activity !== undefined) source.meta = { activity: seed.activity };
      if (seed.kind === 'always') source.always = [...((source.always as TransitionConfig[]) ?? []), t];
      else if (seed.kind === 'after') source.after = { ...source.after, [seed.delay]: t };
      else source.on = { ...source.on, [seed.event]: t };
    });
    return withDefaults({ name: 'prop', rollout, machine: { id: 'm', initial: shapes[0]!.name, states } });
  });

describe('export round trips (property)', () => {
  it('SCXML export → import is invisible to diffGraphs', () => {
    fc.assert(
      fc.property(graph, (doc) => {
        const back = importScxml(exportScxml(doc));
        expect(back.unsupported).toEqual([]);
        const d = diffGraphs(doc, back.doc);
        expect(isEmptyDiff(d) ? null : d).toBeNull();
        expect(flattenMachine(back.doc.machine).stateOrder).toEqual(flattenMachine(doc.machine).stateOrder);
      }),
      { numRuns: 150 },
    );
  });

  it('XState builds the same structure from the XState JSON export as from the original', () => {
    fc.assert(
      fc.property(graph, (doc) => {
        let original: unknown;
        try {
          original = xstateStructure(withExplicitInitials(doc.machine));
        } catch {
          fc.pre(false); // a graph XState cannot load (e.g. a backslash in a target path): nothing to match
        }
        const json = JSON.parse(JSON.stringify(toXStateConfig(doc)));
        expect(typeof json.initial).toBe('string');
        expect(xstateStructure(json)).toEqual(original);
      }),
      { numRuns: 150 },
    );
  });

  it('XState JSON export → import is invisible to diffGraphs and keeps the SOP facts', async () => {
    await fc.assert(
      fc.asyncProperty(graph, async (doc) => {
        const back = await importXStateConfig(JSON.parse(JSON.stringify(toXStateConfig(doc))));
        if (!back.ok) throw new Error(JSON.stringify(back.errors));
        const d = diffGraphs(doc, back.doc);
        expect(isEmptyDiff(d) ? null : d).toBeNull();
        // targets may come back shorter (same resolution); everything around the machine is equal
        const { machine: _m, ...facts } = doc;
        const { machine: _b, ...factsBack } = back.doc;
        expect(factsBack).toEqual(facts);
        expect(back.doc.machine.id).toBe(doc.machine.id);
      }),
      { numRuns: 150 },
    );
  });
});
