/**
 * Hostile graph documents (issue #17 items 2, 7, 8): prototype names as keys and deep nesting are
 * refused with a clear message before anything else runs, and nothing reaches Object.prototype —
 * checked on the real Object.prototype afterwards, with a CSV import and an XState machine that
 * must still work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { CelEnvironment, guardHolds } from '../expr/cel';
import { importScxml, ScxmlImportError } from '../export/scxml/importScxml';
import { readAll, traces } from '../import/testing';
import { validateGraph } from '../validation/validate';
import { MAX_STATE_DEPTH } from './hostileShape';
import { parseGraphDocument, readGraphDocument } from './parse';
import type { GraphDoc } from './types';

const prototypeNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();

const graph = (
  patch: Record<string, unknown>,
  states: Record<string, unknown> = { a: { on: { GO: 'done' } }, done: { type: 'final' } },
) =>
  JSON.stringify({
    format: 'sop-studio/graph@1',
    name: 'hostile',
    machine: { id: 'm', initial: Object.keys(states)[0], states },
    ...patch,
  });

/** Document text with `levels` compound states nested in one another, built as text (JSON.stringify overflows on it). */
function nestedGraph(levels: number): string {
  let state = '{"type":"final"}';
  for (let i = levels; i >= 2; i--) state = `{"initial":"s${i}","states":{"s${i}":${state}}}`;
  return `{"format":"sop-studio/graph@1","name":"deep","machine":{"id":"m","initial":"s1","states":{"s1":${state}}}}`;
}
/** JSON text with an own "__proto__" key (an object literal would set the prototype instead). */
const withProtoKey = (text: string) => text.replace(/PROTO_KEY/g, '__proto__');

const errorsOf = (text: string) => {
  const r = readGraphDocument(text);
  return r.ok ? [] : r.errors;
};

describe('prototype names are refused with a clear diagnostic', () => {
  const hostile: Array<{ text: string; path: string; says: RegExp }> = [
    {
      text: graph({ caseSchema: { 'customer.__proto__.polluted': { type: 'string' } } }),
      path: 'caseSchema.customer.__proto__.polluted',
      says: /reserved name "__proto__"/,
    },
    {
      text: graph({ caseSchema: { 'customer.constructor.prototype': { type: 'string' } } }),
      path: 'caseSchema.customer.constructor.prototype',
      says: /reserved name "constructor"/,
    },
    {
      text: withProtoKey(graph({ caseSchema: { PROTO_KEY: { type: 'string', polluted: true } } })),
      path: 'caseSchema.__proto__',
      says: /caseSchema field "__proto__" uses the reserved name/,
    },
    {
      text: graph({ agents: { constructor: { owner: 'x' } } }),
      path: 'agents.constructor',
      says: /agent "constructor"/,
    },
    { text: graph({ tools: { prototype: { risk: 'low' } } }), path: 'tools.prototype', says: /tool "prototype"/ },
    {
      text: withProtoKey(graph({}, { PROTO_KEY: { type: 'final' } })),
      path: 'machine.states.__proto__',
      says: /state "__proto__" uses a reserved name/,
    },
    {
      text: graph({}, { constructor: { type: 'final' } }),
      path: 'machine.states.constructor',
      says: /state "constructor" uses a reserved name/,
    },
    {
      text: graph({}, { a: { on: { constructor: 'done' } }, done: { type: 'final' } }),
      path: 'machine.states.a.on.constructor',
      says: /event "constructor"/,
    },
    {
      text: graph({}, { a: { after: { prototype: 'done' } }, done: { type: 'final' } }),
      path: 'machine.states.a.after.prototype',
      says: /delay "prototype"/,
    },
    {
      text: withProtoKey(
        graph({}, { a: { meta: { PROTO_KEY: { activity: 'x' } }, on: { GO: 'done' } }, done: { type: 'final' } }),
      ),
      path: 'machine.states.a.meta.__proto__',
      says: /the key "__proto__" is not allowed/,
    },
    {
      text: JSON.stringify({ id: 'bare', initial: 'prototype', states: { prototype: { type: 'final' } } }),
      path: 'states.prototype',
      says: /state "prototype"/,
    },
  ];
  it.each(hostile)('$path', ({ text, path, says }) => {
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path.join('.'))).toContain(path);
    expect(errors.map((e) => e.message).join('\n')).toMatch(says);
    expect(parseGraphDocument(text).ok).toBe(false);
  });

  it('an edited document (never read from text) gets a validation error, not a crash', () => {
    const read = readGraphDocument(graph({}));
    if (!read.ok) throw new Error('fixture');
    const doc = structuredClone<GraphDoc>(read.doc);
    Object.defineProperty(doc.machine.states!, '__proto__', {
      value: { type: 'final' },
      enumerable: true,
      configurable: true,
      writable: true,
    });
    const diagnostics = validateGraph(doc);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'hostile-structure',
        severity: 'error',
        path: ['machine', 'states', '__proto__'],
      }),
    ]);
  });

  it('CelEnvironment given a hostile schema directly registers nothing on prototypes and still type-checks', () => {
    const env = new CelEnvironment({
      'customer.__proto__.polluted': { type: 'string' },
      'customer.tier': { type: 'string' },
      constructor: { type: 'int' },
    } as never);
    const r = env.compile('customer.tier == "gold"');
    expect(r.ok).toBe(true);
    if (r.ok) expect(guardHolds(r.compiled, { customer: { tier: 'gold' } })).toEqual({ holds: true });
  });

  it('SCXML import refuses prototype names (state name, event, sop:extra key)', () => {
    const scxml = (body: string) =>
      `<scxml xmlns="http://www.w3.org/2005/07/scxml" xmlns:sop="https://sop-studio.dev/scxml" version="1.0" initial="a">${body}</scxml>`;
    const cases = [
      scxml(
        '<state id="a"><transition event="x" sop:event="&quot;__proto__&quot;" target="b"/></state><final id="b"/>',
      ),
      scxml('<state id="a"><transition event="go" target="constructor"/></state><final id="constructor"/>'),
      scxml('<state id="a"><sop:extra>{"__proto__": {"polluted": true}}</sop:extra></state>'),
    ];
    for (const xml of cases) expect(() => importScxml(xml), xml).toThrow(ScxmlImportError);
    expect(() => importScxml(cases[0]!)).toThrow(/reserved name/);
    expect(() => importScxml(cases[2]!)).toThrow(/"__proto__" key/);
  });
});

describe('deep and large machines are refused up front', () => {
  it(`accepts ${MAX_STATE_DEPTH} levels and validates them; refuses ${MAX_STATE_DEPTH + 1} and 700 with the limit named`, () => {
    const ok = readGraphDocument(nestedGraph(MAX_STATE_DEPTH));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(validateGraph(ok.doc).filter((d) => d.severity === 'error')).toEqual([]);
    for (const levels of [MAX_STATE_DEPTH + 1, 700]) {
      const errors = errorsOf(nestedGraph(levels));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toBe(
        `compound states are nested more than ${MAX_STATE_DEPTH} levels deep here; the limit is ${MAX_STATE_DEPTH} levels`,
      );
      expect(errors[0]!.path.filter((p) => p === 'states')).toHaveLength(MAX_STATE_DEPTH + 1);
    }
  });

  it('a 5,000-level machine is refused in linear time (no stack overflow anywhere)', () => {
    const text = nestedGraph(5_000);
    const t0 = performance.now();
    expect(errorsOf(text)[0]!.message).toMatch(/nested more than 64 levels/);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('SCXML nested 10,000 deep is refused while reading, quickly', () => {
    const depth = 10_000;
    const xml = `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0">${'<state>'.repeat(depth)}${'</state>'.repeat(depth)}</scxml>`;
    const t0 = performance.now();
    expect(() => importScxml(xml)).toThrow(/nested more than 256 levels/);
    expect(performance.now() - t0).toBeLessThan(2_000);
    const states = (n: number) =>
      `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0">${'<state>'.repeat(n)}${'</state>'.repeat(n)}</scxml>`;
    expect(() => importScxml(states(MAX_STATE_DEPTH + 1))).toThrow(/states are nested more than 64 levels deep/);
    expect(importScxml(states(MAX_STATE_DEPTH)).doc.machine.states).toBeDefined();
  });
});

afterAll(async () => {
  // Object.prototype is exactly as it was, and code that reads inherited properties still works
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNamesBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  const actor = createActor(
    createMachine({ id: 'after', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } }),
  ).start();
  actor.send({ type: 'GO' });
  expect(actor.getSnapshot().status).toBe('done');
  const { cases } = await readAll(
    'case:concept:name,concept:name,time:timestamp\nc1,Triage,2024-01-01T10:00:00Z\nc1,Refund,2024-01-01T11:00:00Z\n',
    { format: 'csv' },
  );
  expect(traces(cases)).toEqual({ c1: ['Triage', 'Refund'] });
});
