/**
 * Guard, guardrail and limit outcomes memoised across cases, keyed by the recorded values they
 * depend on, so that most cases of a large log evaluate no CEL and build no variables at all.
 *
 * Why this is exact: an expression's outcome (holds / does not / error, work bound included) is a
 * function of the CEL variables it reads (CompiledCel.reads, the same reads caseVars converts), and
 * each variable is a function of a few raw attributes — its own and, for a name declared through
 * dotted schema keys, those dotted attributes (celVarsFor). Two cases whose raw attributes for
 * those names are the same primitives (same type, same value) therefore get the same outcome.
 *
 * Raw values are told apart as JavaScript Map keys do (SameValueZero: 3, "3", 3n, true, "true",
 * null and undefined are all different keys). The one pair SameValueZero merges that CEL can tell
 * apart is 0 and -0 (1.0 / x), so -0 is never memoised; NaN is one value to CEL as to the Map.
 * Objects (a nested JSON attribute, a Date, an array) are not memoised either: such a case is
 * evaluated plainly, as is any case once a name has seen MAX_IDS distinct values.
 *
 * A name an expression only compares with double literals (`creditAmount > 0.0`) is keyed, for that
 * expression, by where its value lies among those literals (celThresholds.ts) instead of by the
 * value: all values in one position give every such comparison the same result, so the outcome is
 * the same. On the 1M-event bench log a guard on an amount with 11,286 distinct values was
 * evaluated 60,000 times; keyed by position, 125 evaluations remain for the whole log.
 */
import type { AttrValue, CaseField } from '../model/types';
import type { CompiledCel } from '../expr/cel';
import { positionAmong } from '../expr/celThresholds';
import type { CompiledGraph } from './compile';

/** Distinct value tuples remembered per variable (ids fit 16 bits, so three make an exact number key). */
const MAX_IDS = 0xffff;
/** Outcomes remembered per expression; later new keys are evaluated plainly. */
const MAX_OUTCOMES = 1 << 17;

type Trie = Map<unknown, unknown>;

/** ids: this case's value for the name has not been looked up yet. */
const NOT_YET = -2;

/** recall(): this case's outcome is not known yet. */
export const UNKNOWN = -2;

interface ExprMemo {
  /** Indices into CompiledGraph.reads of the names the expression reads; null: never memoised. */
  names: Int32Array | null;
  /**
   * Per name (as `names`), the double literals the expression only compares it with, when its
   * value is keyed by its position among them rather than by itself (see keyIdFor); else null.
   */
  literals: Array<readonly number[] | null>;
  outcomes: Map<number | string, number>;
}

/** A raw attribute value that is a memo key as it is (see the file comment). */
function isKeyValue(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return true;
    case 'number':
      return !Object.is(v, -0);
    default:
      return v === null;
  }
}

export class OutcomeMemo {
  /** Per read name: the attribute keys its variable is built from (the name, then its dotted fields). */
  private readonly inputs: string[][];
  private readonly schema: Record<string, CaseField>;
  private readonly tries: Trie[];
  private readonly idCount: Int32Array;
  /** This case's value id per read name; -1 = not memoable for this case, NOT_YET = not looked up. */
  private readonly ids: Int32Array;
  private attributes: Record<string, AttrValue> = {};
  private readonly exprs = new Map<CompiledCel, ExprMemo>();
  private readonly readIndex = new Map<string, number>();
  private pending: ExprMemo | null = null;
  private pendingKey: number | string = 0;

  constructor(g: CompiledGraph) {
    this.inputs = g.reads.map((name) => [name, ...(g.nestedFields.get(name) ?? []).map((f) => f.path)]);
    this.schema = g.schema;
    this.tries = g.reads.map(() => new Map());
    this.idCount = new Int32Array(g.reads.length);
    this.ids = new Int32Array(g.reads.length);
    g.reads.forEach((name, i) => this.readIndex.set(name, i));
  }

  /**
   * Take the raw attributes of the next case. A name's id is looked up only when an expression
   * this case reaches reads it (idFor): most cases walk past a few states and read a few names,
   * and the lookups were 4% of a simulate run when made for every name up front. Ids only tell
   * values apart (one id per distinct value per name), so when a value first gets one changes no
   * outcome.
   */
  begin(attributes: Record<string, AttrValue>): void {
    this.attributes = attributes;
    this.ids.fill(NOT_YET);
  }

  /** This case's id for read name `i` (-1: not memoable), looked up once per case. */
  private idFor(i: number): number {
    const known = this.ids[i]!;
    if (known !== NOT_YET) return known;
    return (this.ids[i] = this.idOf(i, this.attributes));
  }

  /**
   * The id of the j-th name `memo` reads: its position among the expression's literals when it has
   * some (positionAmong; -1 for a value that is not a double, which is then evaluated plainly), else
   * its value's id. Within one expression a name is always keyed the same way, so the two id spaces
   * never meet in one key.
   */
  private keyIdFor(memo: ExprMemo, j: number): number {
    const i = memo.names![j]!;
    const literals = memo.literals[j]!;
    return literals === null ? this.idFor(i) : positionAmong(this.attributes[this.inputs[i]![0]!], literals);
  }

  private idOf(i: number, attributes: Record<string, AttrValue>): number {
    const keys = this.inputs[i]!;
    let node = this.tries[i]!;
    const last = keys.length - 1;
    for (let j = 0; j < last; j++) {
      const v = attributes[keys[j]!];
      if (!isKeyValue(v)) return -1;
      let next = node.get(v) as Trie | undefined;
      if (next === undefined) {
        // a full name grows no new branches either (the cap bounds the whole trie)
        if (this.idCount[i]! >= MAX_IDS) return -1;
        node.set(v, (next = new Map()));
      }
      node = next;
    }
    const v = attributes[keys[last]!];
    if (!isKeyValue(v)) return -1;
    const id = node.get(v) as number | undefined;
    if (id !== undefined) return id;
    if (this.idCount[i]! >= MAX_IDS) return -1;
    const fresh = this.idCount[i]!++;
    node.set(v, fresh);
    return fresh;
  }

  private memoOf(cel: CompiledCel): ExprMemo {
    let m = this.exprs.get(cel);
    if (m === undefined) {
      const idx = cel.reads.map((r) => this.readIndex.get(r) ?? -1);
      const literals = idx.map((i) => this.literalsFor(cel, i));
      m = { names: idx.includes(-1) ? null : Int32Array.from(idx), literals, outcomes: new Map() };
      this.exprs.set(cel, m);
    }
    return m;
  }

  /**
   * The literals read name `i` is keyed among in `cel`, or null to key it by its value. Only for a
   * name that is its one raw input (no dotted schema fields) and that reaches CEL as the same
   * number it was recorded as: declared `number` (a recorded number passes unchanged; a text is
   * converted, but a text gets no position) or undeclared. An `int` becomes a bigint, and CEL may
   * compare an int with a double otherwise than the numbers compare.
   */
  private literalsFor(cel: CompiledCel, i: number): readonly number[] | null {
    if (i < 0 || this.inputs[i]!.length !== 1) return null;
    const name = this.inputs[i]![0]!;
    const sorted = cel.thresholds?.get(name);
    if (sorted === undefined || 2 * sorted.length + 3 >= MAX_IDS) return null;
    const field = Object.hasOwn(this.schema, name) ? this.schema[name] : undefined;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: today's type checker refuses a declared non-number field compared with a double literal, so this only guards against a more lenient checker
    return field === undefined || field.type === 'number' ? sorted : null;
  }

  /**
   * The remembered outcome of `cel` for this case (1 holds, 0 not, -1 error), or UNKNOWN; after
   * UNKNOWN, `remember` files the outcome the caller computed (a no-op when this case is not
   * memoable for `cel`). No object per call: the pending key is kept here.
   */
  recall(cel: CompiledCel): number {
    const memo = this.memoOf(cel);
    this.pending = null;
    const names = memo.names;
    if (names === null) return UNKNOWN;
    let key: number | string;
    if (names.length <= 3) {
      // Ids in 16 bits each, or, when all three are below 1024, in 10 bits each: such a key stays
      // below 2^30, a small integer the engine hashes as it is with nothing allocated, where a
      // 16-bit key of three names is past 2^31 (a boxed double per lookup). The two layouts never
      // meet: 10-bit keys are below 2^30, 16-bit keys are moved above it.
      let k = 0;
      let small = 0;
      let wide = false;
      for (let j = names.length - 1; j >= 0; j--) {
        const id = this.keyIdFor(memo, j);
        if (id < 0) return UNKNOWN;
        k = k * 0x10000 + id;
        small = small * 1024 + id;
        if (id >= 1024) wide = true;
      }
      key = wide ? k + 2 ** 30 : small;
    } else {
      let k = '';
      for (let j = 0; j < names.length; j++) {
        const id = this.keyIdFor(memo, j);
        if (id < 0) return UNKNOWN;
        k += `${id},`;
      }
      key = k;
    }
    const hit = memo.outcomes.get(key);
    if (hit !== undefined) return hit;
    this.pending = memo;
    this.pendingKey = key;
    return UNKNOWN;
  }

  remember(outcome: number): void {
    const memo = this.pending;
    if (memo !== null && memo.outcomes.size < MAX_OUTCOMES) memo.outcomes.set(this.pendingKey, outcome);
    this.pending = null;
  }
}
