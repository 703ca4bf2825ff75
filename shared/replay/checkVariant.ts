/**
 * Type-check a what-if variant against the graph before re-scoring (issue #9): guardrail `when`s
 * and tool limits are CEL over the case, checked against the graph's caseSchema exactly as guards
 * are (CelEnvironment: syntax, unknown fields, non-bool results, cost limits); tiers, rollout and
 * references must name what exists. whatIf() refuses a variant with any diagnostic, so a typo
 * never silently re-scores as "guardrail never holds".
 */
import { ROLLOUTS, TIERS } from '../model/types';
import type { CompiledGraph } from './compile';
import type { Variant } from './whatIf';

export interface VariantDiagnostic {
  /** Where in the variant: e.g. `guardrails["start"][0].when`, `tiers["x|on|GO|0"]`. */
  path: string;
  message: string;
  /** CEL diagnostics: what went wrong and where in the expression (0-based offset). */
  kind?: 'syntax' | 'type' | 'limit';
  offset?: number;
}

const key = (k: string) => `[${JSON.stringify(k)}]`;

/** Every problem of `v` against `g`; empty when the variant can be re-scored. */
export function checkVariant(g: CompiledGraph, v: Variant): VariantDiagnostic[] {
  const out: VariantDiagnostic[] = [];
  const isRef = (ref: string) => g.flat.states.has(ref) || g.transitionIds.has(ref);
  const cel = (path: string, expr: unknown) => {
    if (typeof expr !== 'string') return out.push({ path, message: 'must be a CEL expression (a string)' });
    const r = g.env.compile(expr);
    if (!r.ok)
      out.push({
        path,
        message: r.error.message,
        kind: r.error.kind,
        ...(r.error.offset !== undefined ? { offset: r.error.offset } : {}),
      });
  };
  if (v.rollout !== undefined && !ROLLOUTS.includes(v.rollout))
    out.push({ path: 'rollout', message: `must be one of ${ROLLOUTS.join(', ')}` });
  for (const [ref, tier] of Object.entries(v.tiers ?? {})) {
    if (!isRef(ref)) out.push({ path: `tiers${key(ref)}`, message: 'no state or transition has this key or id' });
    if (tier !== null && !TIERS.includes(tier))
      out.push({ path: `tiers${key(ref)}`, message: `tier must be one of ${TIERS.join(', ')} (or null to remove it)` });
  }
  for (const [ref, list] of Object.entries(v.guardrails ?? {})) {
    const at = `guardrails${key(ref)}`;
    if (!isRef(ref)) out.push({ path: at, message: 'no state or transition has this key or id' });
    if (!Array.isArray(list)) {
      out.push({ path: at, message: 'must be a list of guardrails' });
      continue;
    }
    list.forEach((gr, i) => {
      if (gr === null || typeof gr !== 'object')
        return out.push({ path: `${at}[${i}]`, message: 'must be { when, downgradeTo }' });
      cel(`${at}[${i}].when`, gr.when);
      if (gr.downgradeTo !== 'suggest' && gr.downgradeTo !== 'human')
        out.push({ path: `${at}[${i}].downgradeTo`, message: 'must be suggest or human' });
    });
  }
  for (const [tool, limit] of Object.entries(v.limits ?? {})) {
    const at = `limits${key(tool)}`;
    if (!Object.hasOwn(g.doc.tools ?? {}, tool)) out.push({ path: at, message: 'no tool has this name' });
    if (limit !== null) cel(at, limit);
  }
  const p = v.policy ?? {};
  if (p.threshold !== undefined && !(p.threshold > 0 && p.threshold < 1))
    out.push({ path: 'policy.threshold', message: 'must be a fraction between 0 and 1' });
  if (p.minCases !== undefined && !(Number.isInteger(p.minCases) && p.minCases >= 1))
    out.push({ path: 'policy.minCases', message: 'must be a whole number ≥ 1' });
  return out;
}

/** Thrown by whatIf for a variant that does not type-check; `diagnostics` says what and where. */
export class VariantError extends Error {
  constructor(readonly diagnostics: VariantDiagnostic[]) {
    super(
      `what-if variant refused: ${diagnostics.map((d) => `${d.path}: ${d.message}${d.offset !== undefined ? ` (at ${d.offset})` : ''}`).join('; ')}`,
    );
    this.name = 'VariantError';
  }
}
