/**
 * validateGraph: run every rule over a document and return its diagnostics, sorted
 * deterministically (severity, then document order of the path, then code and message).
 *
 * The document may be malformed (the designer validates while the user types): the schema rule
 * runs first on the raw value, and a rule that trips over a malformed part is skipped when the
 * schema has already reported errors. On a schema-valid document a crashing rule is a bug and is
 * reported as `internal-error` instead of being hidden.
 */
import type { GraphDoc, JsonPath } from '../model/types';
import { buildContext, type ValidationContext } from './context';
import { RULES } from './rules';
import { invalidDocument } from './rules/invalid-document';
import { hostileStructure } from './rules/hostile-structure';
import type { Diagnostic, Rule, Severity } from './types';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Validate a graph document. `rules` defaults to every rule (RULES). */
export function validateGraph(doc: GraphDoc, rules: readonly Rule[] = RULES): Diagnostic[] {
  // a document edited in the app never went through readGraphDocument: check its shape first,
  // since every rule below walks it recursively or keys dictionaries by its names
  const hostile = hostileStructure.checkDocument(doc);
  if (hostile.length) return hostile;
  const schemaDiagnostics = invalidDocument.checkDocument(doc);
  const schemaBroken = schemaDiagnostics.length > 0;
  const out: Diagnostic[] = rules.includes(invalidDocument) ? [...schemaDiagnostics] : [];
  let ctx: ValidationContext | null = null;
  try {
    ctx = buildContext(doc);
    // Stryker disable next-line BlockStatement: equivalent on every reachable input: buildContext throws only on a schema-broken document (contextLookups.test.ts), where nothing is pushed either way
  } catch (e) {
    // Stryker disable next-line StringLiteral: the name appears only in an internal error on a schema-valid document, which buildContext never throws on
    if (!schemaBroken) out.push(internalError('context', e));
  }
  if (ctx) {
    for (const rule of rules) {
      if (rule === invalidDocument) continue;
      try {
        out.push(...rule.check(ctx));
      } catch (e) {
        if (!schemaBroken) out.push(internalError(rule.code, e));
      }
    }
    locateAll(ctx, out);
  }
  return sortDiagnostics(doc, out);
}

function internalError(where: string, e: unknown): Diagnostic {
  return {
    code: 'internal-error',
    severity: 'error',
    message: `validation rule "${where}" failed: ${String((e as Error)?.message ?? e)}`,
    path: [],
  };
}

/** Fill stateKey / transitionId from the path where a rule did not set them. */
function locateAll(ctx: ValidationContext, diagnostics: Diagnostic[]): void {
  const transitions = new Map<string, { id: string; source: string }>();
  // only flattenMachine's transitions: their ids are the ones the designer can select
  for (const t of ctx.graph.transitions) transitions.set(JSON.stringify(t.path), { id: t.id, source: t.source });
  const states = new Map<string, string>();
  for (const s of ctx.graph.states.values()) states.set(JSON.stringify(s.path), s.key);
  for (const d of diagnostics) {
    for (let n = d.path.length; n > 0 && (d.transitionId === undefined || d.stateKey === undefined); n--) {
      const key = JSON.stringify(d.path.slice(0, n));
      const t = transitions.get(key);
      if (t && d.transitionId === undefined && d.stateKey === undefined) {
        d.transitionId = t.id;
        d.stateKey = t.source;
      }
      const s = states.get(key);
      if (s && d.stateKey === undefined) d.stateKey = s;
    }
  }
}

/** Pre-order index of every path in the document, so diagnostics follow the document. */
function documentOrder(doc: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (v: unknown, path: JsonPath, depth: number) => {
    order.set(JSON.stringify(path), order.size);
    if (depth > 200 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i], depth + 1));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
  };
  walk(doc, [], 0);
  return order;
}

/** Sort diagnostics deterministically (exported for callers that merge lists). */
export function sortDiagnostics(doc: unknown, diagnostics: Diagnostic[]): Diagnostic[] {
  const order = documentOrder(doc);
  const position = (path: JsonPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const i = order.get(JSON.stringify(path.slice(0, n)));
      if (i !== undefined) return i;
    }
    return 0;
  };
  const keyed = diagnostics.map((d) => ({ d, pos: position(d.path) }));
  keyed.sort(
    (a, b) =>
      SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] ||
      a.pos - b.pos ||
      a.d.path.length - b.d.path.length ||
      compare(a.d.code, b.d.code) ||
      compare(a.d.message, b.d.message),
  );
  return keyed.map((k) => k.d);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
