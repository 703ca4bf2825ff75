/**
 * CEL guards: compile once, type-check against the graph's caseSchema, evaluate against a case.
 * Backed by @marcbachmann/cel-js (a maintained CEL implementation; never eval / new Function).
 *
 * Limits: parse-time structural limits stop hostile expressions (deep nesting, huge literals);
 * expressions longer than MAX_EXPR_LENGTH are refused before parsing; celLimits.ts bounds
 * comprehension nesting, regular expressions (run on RE2, linear time: regex.ts) and, at compile
 * time and before every evaluation, the work and value growth of one evaluation (celCost.ts).
 */
import { Environment } from '@marcbachmann/cel-js';
import type { AttrValue, CaseField } from '../model/types';
import { COMPREHENSIONS, isCelBind, type CelAstNode as AstNode } from './celAst';
import { analyzeCel, checkedWork, MAX_EVAL_WORK, type CelShape } from './celLimits';
import { doubleThresholds } from './celThresholds';
import { registerLinearRegex, routeMatchesToRe2, userFacingMessage } from './regex';

export { MAX_COMPREHENSION_NESTING, MAX_EVAL_WORK } from './celLimits';
export type { CelShape } from './celLimits';

export const MAX_EXPR_LENGTH = 4096;
export const CEL_LIMITS = {
  maxAstNodes: 2000,
  maxDepth: 48,
  maxListElements: 500,
  maxMapEntries: 200,
  maxCallArguments: 16,
};

export interface CelError {
  kind: 'syntax' | 'type' | 'limit';
  message: string;
  /** 0-based character offset in the expression, when known. */
  offset?: number;
}

export interface CompiledCel {
  expr: string;
  /** Top-level variables the expression reads (e.g. "amount", "customer"). */
  reads: string[];
  /** Dotted field paths read from variables (e.g. "customer.tier"), for scope checks. */
  fieldPaths: string[];
  /** Evaluate; throws on a runtime error (missing field, wrong type) or when the work bound is exceeded. */
  run(vars: Record<string, unknown>): unknown;
  /** Size facts used by the cost guard (see celLimits.ts). */
  shape?: CelShape;
  /** Variables only compared with double literals, and those literals (celThresholds.ts). */
  thresholds?: ReadonlyMap<string, readonly number[]>;
}

export type CompileResult = { ok: true; compiled: CompiledCel } | { ok: false; error: CelError };

const CEL_TYPES: Record<string, string> = {
  number: 'double',
  int: 'int',
  string: 'string',
  bool: 'bool',
  timestamp: 'google.protobuf.Timestamp',
  list: 'list',
  map: 'map',
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names that reach JavaScript prototypes when used as object keys; never a CEL field here. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const fieldName = (p: string): boolean => IDENT.test(p) && !PROTOTYPE_NAMES.has(p);
const celTypeOf = (field: CaseField | undefined): string =>
  field && typeof field.type === 'string' && Object.hasOwn(CEL_TYPES, field.type) ? CEL_TYPES[field.type]! : 'dyn';

/**
 * Dotted caseSchema keys ("customer.tier", "customer.address.city") declare the fields of a
 * nested object. Register them as CEL object types so `customer.tier == 1` and
 * `customer.tierr` fail type-checking; plain objects satisfy them at run time. Returns the
 * type name, or null when a name is not a CEL identifier (the root then stays a map).
 */
function registerNestedType(env: Environment, schema: Record<string, CaseField>, root: string): string | null {
  interface Tree {
    [field: string]: Tree | CaseField;
  }
  // null-prototype trees: a key such as "customer.__proto__.polluted" must never reach Object.prototype
  const tree = Object.create(null) as Tree;
  for (const [key, field] of Object.entries(schema)) {
    const parts = key.split('.');
    // (never the root itself: a root declared plainly is not given a nested type)
    if (parts[0] !== root) continue;
    if (!parts.every(fieldName)) return null;
    let node = tree;
    for (const part of parts.slice(1, -1)) {
      const next = node[part];
      if (next && typeof (next as CaseField).type === 'string') return null; // both a leaf and a parent
      node = (node[part] ??= Object.create(null)) as Tree;
    }
    const leaf = parts[parts.length - 1]!;
    if (node[leaf] !== undefined) return null;
    node[leaf] = field;
  }
  const register = (node: Tree, name: string): string => {
    const fields = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(node)) {
      fields[k] =
        typeof (v as CaseField).type === 'string' ? celTypeOf(v as CaseField) : register(v as Tree, `${name}_${k}`);
    }
    env.registerType({ name, schema: fields } as never);
    return name;
  };
  try {
    return register(tree, `sop_case_${root}`);
  } catch {
    return null;
  }
}

/** Free variables and dotted paths read by an AST (comprehension and cel.bind variables excluded). */
function collectReads(
  node: unknown,
  bound: Set<string>,
  reads: Set<string>,
  paths: Set<string>,
  offsets?: Map<string, number>,
): void {
  if (!node || typeof node !== 'object') return;
  const n = node as AstNode;
  if (n.op === 'id' && typeof n.args === 'string') {
    if (!bound.has(n.args)) {
      reads.add(n.args);
      paths.add(n.args);
      if (!offsets?.has(n.args)) offsets?.set(n.args, n.start ?? n.pos ?? 0);
    }
    return;
  }
  if (n.op === '.' || n.op === '.?') {
    const chain: string[] = [];
    let cur: unknown = n;
    while (cur && typeof cur === 'object' && ((cur as AstNode).op === '.' || (cur as AstNode).op === '.?')) {
      const [inner, field] = (cur as AstNode).args as [unknown, string];
      chain.unshift(field);
      cur = inner;
    }
    if (
      cur &&
      (cur as AstNode).op === 'id' &&
      typeof (cur as AstNode).args === 'string' &&
      !bound.has((cur as AstNode).args as string)
    ) {
      const root = (cur as AstNode).args as string;
      const path = [root, ...chain].join('.');
      reads.add(root);
      paths.add(path);
      if (!offsets?.has(path)) offsets?.set(path, (cur as AstNode).start ?? (cur as AstNode).pos ?? 0);
      return;
    }
    collectReads(cur, bound, reads, paths, offsets);
    return;
  }
  if (n.op === 'rcall' && Array.isArray(n.args)) {
    const [name, receiver, callArgs] = n.args as [string, unknown, unknown[]];
    const first = callArgs?.[0] as AstNode | undefined;
    // cel.bind(v, value, body): `cel` names the macro and v is local to the body; neither is read
    if (isCelBind(name, receiver) && first?.op === 'id' && typeof first.args === 'string') {
      collectReads(callArgs[1], bound, reads, paths, offsets);
      collectReads(callArgs[2], new Set(bound).add(first.args), reads, paths, offsets);
      return;
    }
    collectReads(receiver, bound, reads, paths, offsets);
    if (COMPREHENSIONS.has(name) && first?.op === 'id' && typeof first.args === 'string') {
      const inner = new Set(bound).add(first.args);
      for (const a of callArgs.slice(1)) collectReads(a, inner, reads, paths, offsets);
      return;
    }
    for (const a of callArgs ?? []) collectReads(a, bound, reads, paths, offsets);
    return;
  }
  if (Array.isArray(n.args))
    for (const a of n.args) collectReads(Array.isArray(a) ? { op: 'list', args: a } : a, bound, reads, paths, offsets);
  else if (n.args && typeof n.args === 'object') collectReads(n.args, bound, reads, paths, offsets);
}

function errorOf(e: unknown, fallbackKind: CelError['kind']): CelError {
  const err = e as { name?: string; message?: string; node?: { pos?: number; start?: number } };
  const message = userFacingMessage(String(err?.message ?? e).split('\n')[0] ?? 'invalid expression');
  const kind: CelError['kind'] = /exceeded|maximum|limit/i.test(message)
    ? 'limit'
    : err?.name === 'TypeError'
      ? 'type'
      : fallbackKind;
  const offset = err?.node?.start ?? err?.node?.pos;
  return { kind, message, ...(typeof offset === 'number' ? { offset } : {}) };
}

/**
 * A CEL environment for one graph: variables come from the caseSchema (dotted keys such as
 * "customer.tier" declare their root as a map). With an empty schema, unknown variables are dyn.
 */
export class CelEnvironment {
  private readonly env: Environment;
  private readonly cache = new Map<string, CompileResult>();
  readonly schema: Record<string, CaseField>;

  constructor(caseSchema: Record<string, CaseField> = {}) {
    this.schema = caseSchema;
    const strict = Object.keys(caseSchema).length > 0;
    const env = new Environment({ unlistedVariablesAreDyn: !strict, limits: CEL_LIMITS });
    registerLinearRegex(env);
    const declared = new Set<string>();
    for (const name of Object.keys(caseSchema)) {
      const dot = name.indexOf('.');
      const root = dot >= 0 ? name.slice(0, dot) : name;
      if (declared.has(root) || !fieldName(root)) continue;
      declared.add(root);
      // a root declared plainly ("customer": map) is that declaration, wherever its dotted keys stand
      const declaredPlainly = Object.hasOwn(caseSchema, root);
      env.registerVariable(
        root,
        declaredPlainly ? celTypeOf(caseSchema[root]) : (registerNestedType(env, caseSchema, root) ?? 'map'),
      );
    }
    this.env = env;
  }

  /** Compile (parse + type-check) once; results are cached per expression. */
  compile(expr: string): CompileResult {
    const hit = this.cache.get(expr);
    if (hit) return hit;
    const result = this.compileUncached(expr);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(expr, result);
    return result;
  }

  private compileUncached(expr: string): CompileResult {
    if (typeof expr !== 'string')
      return { ok: false, error: { kind: 'syntax', message: 'expression must be a string' } };
    if (expr.length > MAX_EXPR_LENGTH) {
      return {
        ok: false,
        error: { kind: 'limit', message: `expression is ${expr.length} characters; the limit is ${MAX_EXPR_LENGTH}` },
      };
    }
    if (!expr.trim()) return { ok: false, error: { kind: 'syntax', message: 'expression is empty' } };
    let parsed: ReturnType<Environment['parse']>;
    try {
      parsed = this.env.parse(expr);
    } catch (e) {
      return { ok: false, error: errorOf(e, 'syntax') };
    }
    routeMatchesToRe2((parsed as unknown as { ast: unknown }).ast);
    const early = new Set<string>();
    const earlyOffsets = new Map<string, number>();
    collectReads((parsed as unknown as { ast: unknown }).ast, new Set(), new Set(), early, earlyOffsets);
    const undeclared = this.undeclaredPath([...early]);
    if (undeclared)
      return {
        ok: false,
        error: { kind: 'type', message: `Unknown field: ${undeclared}`, offset: earlyOffsets.get(undeclared) ?? 0 },
      };
    try {
      const checked = parsed.check();
      if (!checked.valid) return { ok: false, error: errorOf(checked.error, 'type') };
      if (checked.type !== 'bool' && checked.type !== 'dyn') {
        return {
          ok: false,
          error: { kind: 'type', message: `expression must be bool, but it is ${checked.type}`, offset: 0 },
        };
      }
    } catch (e) {
      return { ok: false, error: errorOf(e, 'type') };
    }
    const ast = (parsed as unknown as { ast: unknown }).ast;
    const analyzed = analyzeCel(ast);
    if (!analyzed.ok)
      return {
        ok: false,
        error: {
          kind: 'limit',
          message: analyzed.message,
          ...(analyzed.offset !== undefined ? { offset: analyzed.offset } : {}),
        },
      };
    const reads = new Set<string>();
    const paths = new Set<string>();
    const offsets = new Map<string, number>();
    collectReads(ast, new Set(), reads, paths, offsets);
    const fn = parsed as unknown as (vars: Record<string, unknown>) => unknown;
    const shape = analyzed.shape;
    // every evaluation is budgeted: the bound is one linear pass over the inputs the expression
    // reads; an expression over typed scalars only has a constant bound, checked at compile time;
    // checkedWork accepts and refuses as workBound does, without the cost walk when the inputs are small
    const run = shape.constantWork
      ? (vars: Record<string, unknown>) => fn(vars)
      : (vars: Record<string, unknown>) => {
          const work = checkedWork(shape, vars);
          if (work > MAX_EVAL_WORK) {
            throw new Error(
              `evaluation refused: this input makes the expression cost up to ${work.toExponential(1)} steps; the limit is ${MAX_EVAL_WORK.toExponential(0)}`,
            );
          }
          return fn(vars);
        };
    const thresholds = doubleThresholds(ast);
    return { ok: true, compiled: { expr, reads: [...reads], fieldPaths: [...paths], run, shape, thresholds } };
  }

  /**
   * A dotted path under a root that the schema declares only through dotted keys ("customer.tier")
   * and that matches none of them: the type checker sees the root as a map and cannot tell.
   */
  private undeclaredPath(paths: string[]): string | null {
    const keys = Object.keys(this.schema);
    if (!keys.some((k) => k.includes('.'))) return null;
    for (const path of paths) {
      const root = path.split('.')[0]!;
      if (Object.hasOwn(this.schema, root) || !keys.some((k) => k.startsWith(root + '.'))) continue;
      const known = keys.some(
        (k) =>
          k === path ||
          k.startsWith(path + '.') ||
          (path.startsWith(k + '.') &&
            Object.hasOwn(this.schema, k) &&
            (this.schema[k]?.type === 'map' || this.schema[k]?.type === 'list')),
      );
      if (!known) return path;
    }
    return null;
  }
}

/** Convert a recorded attribute to the CEL value the schema says (number → double, int → int). */
export function toCelValue(value: AttrValue | undefined, field: CaseField | undefined): unknown {
  if (value === undefined || value === null) return value;
  // an undeclared attribute passes as it is (toCelVars: unknown attributes are not converted)
  if (!field) return value;
  switch (field.type) {
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
      return value;
    case 'number':
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return value;
    case 'timestamp':
      // a Date is already a timestamp: it falls through to the return
      if (typeof value === 'string' || typeof value === 'number') {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? value : d;
      }
      return value;
    case 'bool':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    default:
      return value;
  }
}

/** Build the CEL variables for a case's attributes under a schema. Unknown attributes pass as they are. */
export function toCelVars(
  attributes: Record<string, AttrValue>,
  schema: Record<string, CaseField>,
): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  const fieldOf = (key: string): CaseField | undefined => (Object.hasOwn(schema, key) ? schema[key] : undefined);
  for (const key of Object.keys(attributes)) out[key] = toCelValue(attributes[key], fieldOf(key));
  // dotted schema keys convert nested values too (customer.openTickets: int → BigInt); objects on
  // the way are copied, never mutated
  for (const key of Object.keys(schema)) {
    const parts = key.split('.');
    if (parts.length < 2 || !Object.hasOwn(out, parts[0]!)) continue;
    let holder = out;
    let ok = true;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(holder, part) ? holder[part] : undefined;
      if (typeof next !== 'object' || next === null || Array.isArray(next) || next instanceof Date) {
        ok = false;
        break;
      }
      holder = holder[part] = Object.assign(Object.create(null) as Record<string, unknown>, next);
    }
    const leaf = parts[parts.length - 1]!;
    if (ok && Object.hasOwn(holder, leaf)) holder[leaf] = toCelValue(holder[leaf] as AttrValue, fieldOf(key));
  }
  return out;
}

/** Evaluate a compiled guard: it holds only when it returns exactly true. Errors → not held. */
export function guardHolds(compiled: CompiledCel, vars: Record<string, unknown>): { holds: boolean; error?: string } {
  try {
    return { holds: compiled.run(vars) === true };
  } catch (e) {
    return { holds: false, error: String((e as Error)?.message ?? e).split('\n')[0] };
  }
}
