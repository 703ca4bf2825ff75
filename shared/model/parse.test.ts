import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../validation';
import { parseGraphDocument, readGraphDocument, serializeGraphDocument } from './parse';
import refund from '../../samples/refund.sop.json';

// Sample documents and XState's own example machines (outside data, fixtures/outside/xstate, MIT),
// read as text by Vite's glob import so this pure test needs no Node file API.
const sampleTexts = import.meta.glob<string>('../../samples/*.sop.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const xstateSources = import.meta.glob<string>('../../fixtures/outside/xstate/xstate__examples__*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The JSON-able part of the first object literal passed to createMachine(…): functions, calls and casts dropped. */
function machineLiteral(source: string): unknown {
  const file = ts.createSourceFile('m.ts', source, ts.ScriptTarget.ES2022, true);
  let found: ts.ObjectLiteralExpression | null = null;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : '';
      const arg = node.arguments[0];
      if (name === 'createMachine' && arg && ts.isObjectLiteralExpression(arg)) {
        found = arg;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const toJson = (node: ts.Expression): unknown => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isArrayLiteralExpression(node)) return node.elements.map(toJson).filter((v) => v !== undefined);
    if (ts.isObjectLiteralExpression(node)) {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key =
          ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : null;
        const value = key === null ? undefined : toJson(p.initializer);
        if (key !== null && value !== undefined) out[key] = value;
      }
      return out;
    }
    return undefined;
  };
  return found ? toJson(found) : null;
}

describe('parseGraphDocument', () => {
  it('loads a document and reports nothing migrated', () => {
    const r = parseGraphDocument(JSON.stringify(refund));
    expect(r.ok && r.migrated).toBe(false);
    expect(r.ok && r.doc.machine.initial).toBe('triage');
  });

  it('gives line and column for JSON syntax errors', () => {
    const r = parseGraphDocument('{\n  "name": "x",\n  "version": 1,\n}');
    expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ path: [], line: 4, column: 1 })] });
    expect(!r.ok && r.errors[0]!.message).toMatch(/^invalid JSON at line 4, column 1: /);
    const cut = parseGraphDocument('{"name": "x"');
    expect(!cut.ok && cut.errors[0]).toMatchObject({ line: 1, column: 13 });
    expect(parseGraphDocument('[]')).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('not an array') }],
    });
  });

  it('maps schema problems to exact JSON paths with readable messages', () => {
    const doc = structuredClone(refund) as Record<string, unknown> & typeof refund;
    (doc.machine.states.review.on as Record<string, unknown>).APPROVE = { target: 5 };
    (doc.machine.states.triage.always as unknown[])[2] = 42;
    (doc.caseSchema.amount as Record<string, unknown>).type = 'money';
    doc.version = -1;
    const r = parseGraphDocument(doc);
    expect(r.ok).toBe(false);
    const errors = !r.ok ? r.errors : [];
    expect(errors.map((e) => e.path.join('.'))).toEqual([
      'version',
      'caseSchema.amount.type',
      'machine.states.triage.always.2',
      'machine.states.review.on.APPROVE.target',
    ]);
    expect(errors[1]!.message).toBe(
      'must be one of "number", "int", "string", "bool", "timestamp", "list", "map"; got "money"',
    );
    expect(errors[2]!.message).toBe('expected string or object, got number 42');
    expect(errors[3]!.message).toBe('expected string or array, got number 5');
  });

  it('loads a bare XState machine config with defaults and marks it migrated', () => {
    const machine = {
      id: 'toggle',
      initial: 'off',
      states: { off: { on: { FLIP: 'on' } }, on: { on: { FLIP: 'off' } } },
    };
    const r = parseGraphDocument(machine);
    expect(r).toMatchObject({
      ok: true,
      migrated: true,
      doc: {
        format: 'sop-studio/graph@1',
        name: 'toggle',
        rollout: 'observe',
        caseSchema: {},
        agents: {},
        tools: {},
        layout: {},
      },
    });
    expect(r.ok && r.doc.machine).toBe(machine);
  });

  it('refuses JSON objects that are neither a graph document nor a machine', () => {
    expect(readGraphDocument({ a: 1 })).toMatchObject({
      ok: false,
      errors: [{ path: [], message: expect.stringContaining('not a graph document') }],
    });
  });

  it('checks maxAge as an ISO 8601 duration', () => {
    const doc = structuredClone(refund);
    doc.caseSchema.fraudScore.maxAge = '1 hour';
    expect(parseGraphDocument(doc)).toMatchObject({
      ok: false,
      errors: [{ path: ['caseSchema', 'fraudScore', 'maxAge'], message: expect.stringContaining('ISO 8601') }],
    });
    doc.caseSchema.fraudScore.maxAge = 'P1DT12H';
    expect(parseGraphDocument(doc).ok).toBe(true);
  });

  it('refuses an unknown format', () => {
    expect(readGraphDocument({ format: 'sop-studio/graph@2', machine: {} })).toMatchObject({
      ok: false,
      errors: [{ path: ['format'] }],
    });
  });
});

describe('serializeGraphDocument', () => {
  it('round-trips every sample losslessly and stably', () => {
    expect(Object.keys(sampleTexts).length).toBeGreaterThanOrEqual(3);
    for (const [file, text] of Object.entries(sampleTexts)) {
      const first = parseGraphDocument(text);
      expect(first.ok, file).toBe(true);
      if (!first.ok) continue;
      const saved = serializeGraphDocument(first.doc);
      expect(JSON.parse(saved), file).toEqual(JSON.parse(text));
      const again = parseGraphDocument(saved);
      expect(again.ok && serializeGraphDocument(again.doc), file).toBe(saved);
    }
  });

  it('keeps unknown fields everywhere and puts known top-level keys first', () => {
    const doc = { zeta: { any: [1, { deep: true }] }, ...structuredClone(refund), owners: ['payments-ops'] };
    (doc.machine.states.triage as Record<string, unknown>)['x-note'] = 'kept';
    (doc.machine.states.triage.always[0] as Record<string, unknown>).meta = { tier: 'auto', reviewer: 'ana' };
    const r = parseGraphDocument(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const text = serializeGraphDocument(r.doc);
    expect(JSON.parse(text)).toEqual(doc);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'name',
      'version',
      'rollout',
      'caseSchema',
      'agents',
      'tools',
      'machine',
      'layout',
      'zeta',
      'owners',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "sop-studio/graph@1",');
  });

  it('round-trips the JSON-able part of XState example machines', () => {
    const entries = Object.entries(xstateSources);
    expect(entries.length, 'XState examples not found under fixtures/outside/xstate').toBeGreaterThanOrEqual(10);
    let loaded = 0;
    for (const [file, source] of entries) {
      const machine = machineLiteral(source);
      if (!machine || typeof machine !== 'object' || !('states' in machine)) continue;
      const first = parseGraphDocument(machine);
      expect(first.ok, `${file}: ${JSON.stringify(!first.ok && first.errors)}`).toBe(true);
      if (!first.ok) continue;
      loaded++;
      const saved = serializeGraphDocument(first.doc);
      const again = parseGraphDocument(saved);
      expect(again.ok && again.doc.machine, file).toEqual(machine);
      expect(again.ok && serializeGraphDocument(again.doc), file).toBe(saved);
      // and validation copes with real machines (invoke, named guards, actions): no rule crashes
      const diagnostics = validateGraph(first.doc);
      expect(
        diagnostics.filter((d) => d.code === 'internal-error' || d.code === 'invalid-document'),
        file,
      ).toEqual([]);
      expect(
        diagnostics.filter((d) => d.code === 'unreachable-state' || d.code === 'unknown-target'),
        file,
      ).toEqual([]);
    }
    expect(loaded).toBeGreaterThanOrEqual(10);
  });
});
