import { describe, expect, it } from 'vitest';
import { readGraphDocument } from '../model/parse';
import type { GraphDoc } from '../model/types';
import { RULES, validateGraph } from './index';
import { docWith } from './testing';

const samples = import.meta.glob<string>('../../samples/*.sop.json', { query: '?raw', import: 'default', eager: true });

function load(text: string): GraphDoc {
  const r = readGraphDocument(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

describe('validateGraph', () => {
  it('finds no errors in any sample; warnings only where the sample explains them', () => {
    for (const [file, text] of Object.entries(samples)) {
      const doc = load(text);
      const diagnostics = validateGraph(doc);
      expect(
        diagnostics.filter((d) => d.severity === 'error'),
        file,
      ).toEqual([]);
      for (const w of diagnostics)
        expect(typeof doc.notes === 'string' ? doc.notes : '', `${file}: unexplained ${w.code}`).toContain(w.code);
    }
  });

  it('has one rule per code', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('eventless-loop'); // (no fixed count: rules are added in parallel)
  });

  it('sorts by severity, then document order, and is deterministic', () => {
    const m = { id: 'm', initial: 'a', states: { a: { on: { GO: 'nowhere' } }, b: {} } };
    const first = validateGraph(docWith(m));
    expect(first.map((d) => [d.severity, d.code, d.stateKey])).toEqual([
      ['error', 'no-final-state', undefined],
      ['error', 'unknown-target', 'a'],
      ['error', 'no-way-out', 'b'],
      ['warning', 'unreachable-state', 'b'],
    ]);
    expect(validateGraph(docWith(structuredClone(m)))).toEqual(first);
  });

  it('survives malformed documents: the schema errors are reported, nothing throws', () => {
    const broken: unknown[] = [
      { machine: 5, caseSchema: 'x', agents: [], tools: null },
      { machine: { states: [] } },
      { machine: { states: { a: null, b: { on: 7, always: 'zz', meta: { guardrails: 'no' } } } } },
      { machine: { states: { a: { states: { b: { on: { X: [null, 3, { target: ['#nope', 4] }] } } } } } } },
    ];
    for (const raw of broken) {
      const doc = {
        format: 'sop-studio/graph@1',
        name: 'x',
        version: 1,
        rollout: 'observe',
        caseSchema: {},
        agents: {},
        tools: {},
        layout: {},
        ...(raw as object),
      } as GraphDoc;
      const diagnostics = validateGraph(doc);
      expect(
        diagnostics.some((d) => d.code === 'invalid-document'),
        JSON.stringify(raw),
      ).toBe(true);
      expect(diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
    }
  });

  it('runs every rule on parallel and history states without crashing', () => {
    const m = {
      id: 'p',
      type: 'parallel' as const,
      states: {
        left: {
          initial: 'l1',
          states: {
            l1: { always: [{ target: 'l2', meta: { tier: 'auto' as const } }] },
            l2: { type: 'final' as const },
            hist: { type: 'history' as const },
          },
        },
        right: { initial: 'r1', states: { r1: { on: { GO: 'r2' } }, r2: { type: 'final' as const } } },
      },
    };
    const diagnostics = validateGraph(docWith(m));
    expect(diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['auto-without-agent']);
  });

  it('reports a crashing rule on a valid document instead of hiding it', () => {
    const boom = {
      code: 'boom',
      summary: 'throws',
      check: () => {
        throw new Error('kaput');
      },
    };
    const found = validateGraph(docWith({ id: 'm', initial: 'a', states: { a: { type: 'final' } } }), [boom]);
    expect(found).toEqual([
      { code: 'internal-error', severity: 'error', message: 'validation rule "boom" failed: kaput', path: [] },
    ]);
  });
});
