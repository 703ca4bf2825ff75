/**
 * Run an imported SCXML document on XState: the graph goes through the XState JSON exporter,
 * then the SCXML action and guard objects the importer wrote become XState built-ins:
 * - `scxml.raise` → `raise` (internal queue); `scxml.send` → `sendTo(self)` (the external queue,
 *   processed after the current macrostep, as SCXML says), delayed and cancellable by id;
 *   `scxml.cancel` → `cancel`;
 * - `scxml.in` / `scxml.notIn` → `stateIn` / `not(stateIn)`; `scxml.literal` → a constant;
 * - `cel` → the one CEL guard over `context.case` (CEL through shared/expr/cel.ts only).
 * Nothing is evaluated as code; `scxml.unsupported` guards never hold.
 */
import {
  cancel,
  createMachine,
  not,
  raise,
  sendTo,
  stateIn,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
} from 'xstate';
import { toCelVars } from '../../expr/cel';
import { createCelGuard } from '../../expr/xstateGuard';
import type { AttrValue, GraphDoc } from '../../model/types';
import { toXStateConfig } from '../xstateJson';

type Json = Record<string, unknown>;

function convertAction(a: unknown): unknown {
  const action = a as { type?: string; params?: Json };
  const p = action?.params ?? {};
  switch (action?.type) {
    case 'scxml.raise':
      return raise({ type: String(p.event) });
    case 'scxml.send': {
      const options = {
        ...(typeof p.delay === 'number' && p.delay > 0 ? { delay: p.delay } : {}),
        ...(typeof p.id === 'string' ? { id: p.id } : {}),
      };
      if (p.internal) return raise({ type: String(p.event) }, options);
      // the external queue is asynchronous: even an undelayed send waits for the clock (delay 0)
      return sendTo(({ self }: { self: AnyActorRef }) => self, { type: String(p.event) }, { delay: 0, ...options });
    }
    case 'scxml.cancel':
      return cancel(String(p.sendid));
    default:
      return a;
  }
}

function convertGuard(
  g: unknown,
  stateIdOf: (key: string) => string,
  celGuard: (expr: string, context: Json) => boolean,
): unknown {
  const guard = g as { type?: string; params?: Json };
  const p = guard?.params ?? {};
  switch (guard?.type) {
    case 'scxml.in':
      return stateIn(`#${stateIdOf(String(p.state))}`);
    case 'scxml.notIn':
      return not(stateIn(`#${stateIdOf(String(p.state))}`));
    case 'scxml.literal':
      return () => p.value === true;
    case 'scxml.unsupported':
      return () => false;
    case 'cel':
      return ({ context }: { context: Json }) => celGuard(String(p.expr), context);
    default:
      return g;
  }
}

/**
 * An XState machine for the document. `attributes` is the case the CEL guards read (as
 * `context.case`); SCXML suite machines have none.
 */
export function toRunnableMachine(doc: GraphDoc, attributes: Record<string, AttrValue> = {}): AnyStateMachine {
  const config = toXStateConfig(doc) as Json;
  const machineId = String(config.id);
  const stateIdOf = (key: string) => `${machineId}.${key}`;
  // The one `cel` guard; the case is `context.case` only (an absent case reads as empty, never
  // as the context itself), and convertGuard passes the expression as text.
  const cel = createCelGuard<Json>(doc.caseSchema, {
    varsOf: (context) => toCelVars((context.case ?? {}) as Record<string, AttrValue>, doc.caseSchema),
  });
  const celGuard = (expr: string, context: Json) => cel({ context }, { expr });
  const walk = (node: Json): Json => {
    const out: Json = { ...node };
    // the plain config keeps actions as written: one action or a list
    const actions = (a: unknown) => (Array.isArray(a) ? a.map(convertAction) : convertAction(a));
    for (const field of ['entry', 'exit']) if (node[field] !== undefined) out[field] = actions(node[field]);
    const transition = (t: Json): Json => ({
      ...t,
      ...(t.actions !== undefined ? { actions: actions(t.actions) } : {}),
      ...(t.guard !== undefined ? { guard: convertGuard(t.guard, stateIdOf, celGuard) } : {}),
    });
    const list = (spec: unknown) =>
      Array.isArray(spec)
        ? (spec as unknown[]).map((t) => (typeof t === 'object' && t ? transition(t as Json) : t))
        : typeof spec === 'object' && spec
          ? transition(spec as Json)
          : spec;
    for (const field of ['on', 'after']) {
      if (node[field] && typeof node[field] === 'object')
        out[field] = Object.fromEntries(Object.entries(node[field] as Json).map(([k, v]) => [k, list(v)]));
    }
    if (node.always !== undefined) out.always = list(node.always);
    if (node.onDone !== undefined) out.onDone = list(node.onDone);
    if (node.states)
      out.states = Object.fromEntries(
        Object.entries(node.states as Record<string, Json>).map(([k, v]) => [k, walk(v)]),
      );
    return out;
  };
  const runnable = walk(config);
  runnable.context = { case: attributes };
  return createMachine(runnable as never);
}

/** The active atomic and final states of a snapshot, as state keys (dot paths). */
export function activeLeafKeys(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): string[] {
  const out: string[] = [];
  const visit = (node: AnyStateNode, value: unknown) => {
    if (typeof value === 'string') {
      const child = node.states[value];
      if (child) out.push(child.path.join('.'));
      return;
    }
    const entries = Object.entries((value ?? {}) as Record<string, unknown>);
    if (entries.length === 0 && node.path.length > 0) out.push(node.path.join('.'));
    for (const [k, v] of entries) {
      const child = node.states[k];
      if (child) visit(child, v);
    }
  };
  visit(machine.root, snapshot.value);
  return out;
}
