/**
 * What-if variants as the analyst edits them: another rollout stage, other tiers on some branches,
 * guardrails switched off or one added. `toEngineVariant` turns that into shared/replay's Variant.
 */
import { flattenMachine } from '../../../shared/model/flatten';
import type { GraphDoc, Guardrail, Rollout, Tier } from '../../../shared/model/types';
import type { Variant as EngineVariant } from '../../../shared/replay/whatIf';

export interface GuardrailRef {
  /** `state:<key>:<i>` or `transition:<id>:<i>` */
  ref: string;
  on: 'state' | 'transition';
  owner: string;
  index: number;
  when: string;
  downgradeTo: 'suggest' | 'human';
}

export interface Variant {
  rollout: Rollout;
  /** Transition id → tier to mark it with. */
  tiers: Record<string, Tier>;
  /** GuardrailRef.ref of guardrails to switch off. */
  disabledGuardrails: string[];
  /** A guardrail to add on a state. */
  added?: { state: string; when: string; downgradeTo: 'suggest' | 'human' } | null;
}

/** Every guardrail of the graph, on states and on branches. */
export function listGuardrails(doc: GraphDoc): GuardrailRef[] {
  const flat = flattenMachine(doc.machine);
  const out: GuardrailRef[] = [];
  for (const key of flat.stateOrder) {
    (flat.states.get(key)!.config.meta?.guardrails ?? []).forEach((g, index) =>
      out.push({
        ref: `state:${key}:${index}`,
        on: 'state',
        owner: key,
        index,
        when: g.when,
        downgradeTo: g.downgradeTo,
      }),
    );
  }
  for (const t of flat.transitions) {
    (t.config.meta?.guardrails ?? []).forEach((g, index) =>
      out.push({
        ref: `transition:${t.id}:${index}`,
        on: 'transition',
        owner: t.id,
        index,
        when: g.when,
        downgradeTo: g.downgradeTo,
      }),
    );
  }
  return out;
}

export function baselineVariant(doc: GraphDoc): Variant {
  return { rollout: doc.rollout, tiers: {}, disabledGuardrails: [], added: null };
}

export function isBaseline(doc: GraphDoc, v: Variant): boolean {
  return (
    v.rollout === doc.rollout && Object.keys(v.tiers).length === 0 && v.disabledGuardrails.length === 0 && !v.added
  );
}

/**
 * The variant in the engine's terms (shared/replay whatIf): tiers by transition id, and for every
 * state or branch whose guardrails change, its whole new list.
 */
export function toEngineVariant(doc: GraphDoc, v: Variant): EngineVariant {
  const guardrails: Record<string, Guardrail[]> = {};
  const off = new Set(v.disabledGuardrails);
  const all = listGuardrails(doc);
  const owners = new Set(all.filter((g) => off.has(g.ref)).map((g) => g.owner));
  const added = v.added && v.added.when.trim() ? v.added : null;
  if (added) owners.add(added.state);
  for (const owner of owners) {
    guardrails[owner] = all
      .filter((g) => g.owner === owner && !off.has(g.ref))
      .map((g) => ({ when: g.when, downgradeTo: g.downgradeTo }));
    if (added && added.state === owner)
      guardrails[owner].push({ when: added.when.trim(), downgradeTo: added.downgradeTo });
  }
  return { rollout: v.rollout, tiers: { ...v.tiers }, guardrails };
}

/** One line describing the variant, for the comparison header. */
export function describeVariant(doc: GraphDoc, v: Variant): string {
  const parts: string[] = [];
  if (v.rollout !== doc.rollout) parts.push(`rollout ${v.rollout}`);
  const n = Object.keys(v.tiers).length;
  if (n) parts.push(`${n} branch tier${n > 1 ? 's' : ''} changed`);
  if (v.disabledGuardrails.length) parts.push(`${v.disabledGuardrails.length} guardrail(s) off`);
  if (v.added?.when.trim())
    parts.push(`guardrail on ${v.added.state}: ${v.added.when.trim()} → ${v.added.downgradeTo}`);
  return parts.join(' · ') || 'same as baseline';
}
