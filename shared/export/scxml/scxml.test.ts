import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { flattenMachine, type FlatGraph } from '../../model/flatten';
import type { GraphDoc } from '../../model/types';
import { ALL_GRAPHS, COMPOUND } from '../__fixtures__/graphs';
import { exportScxml } from './exportScxml';
import { importScxml } from './importScxml';
import { activeLeafKeys, toRunnableMachine } from './runnable';
import { parseXml, XmlError } from './xmlTree';

/** The flattened structure a round trip must keep: states, transitions, guards, tiers, meta. */
function structure(doc: GraphDoc) {
  const g: FlatGraph = flattenMachine(doc.machine);
  return {
    initial: g.initial,
    states: g.stateOrder.map((k) => {
      const s = g.states.get(k)!;
      // every other state field (entry, description, tags, ids…) must survive too
      const {
        on: _on,
        always: _always,
        after: _after,
        states: _states,
        initial: _initial,
        onDone: _onDone,
        target: _target,
        ...rest
      } = s.config;
      return { key: k, type: s.type, initial: s.initial, activity: s.activity, rest };
    }),
    transitions: g.transitions.map((t) => ({
      id: t.id,
      targets: t.targets,
      unresolved: t.unresolved,
      guard: t.guardExpr,
      otherGuard: t.otherGuard,
      tier: t.tier ?? null,
      meta: t.config.meta ?? null,
      actions: t.config.actions ?? null,
      reenter: t.config.reenter ?? null,
    })),
  };
}

describe('SCXML round trip SOP → SCXML → SOP', () => {
  it.each(Object.keys(ALL_GRAPHS))('%s keeps states, transitions, guards, tiers and document facts', (name) => {
    const doc = ALL_GRAPHS[name]!;
    const back = importScxml(exportScxml(doc));
    expect(back.unsupported).toEqual([]);
    expect(back.fromSop).toBe(true);
    expect(structure(back.doc)).toEqual(structure(doc));
    const { machine: _a, ...facts } = doc;
    const { machine: _b, ...factsBack } = back.doc;
    expect(factsBack).toEqual(facts);
    expect(back.doc.machine.id).toBe(doc.machine.id);
  });

  it('writes standard SCXML with CEL in cond and tiers in the sop namespace', () => {
    const xml = exportScxml(ALL_GRAPHS['refund.sop.json']!);
    const root = parseXml(xml);
    expect([root.name, root.ns, root.attrs.datamodel, root.attrs.initial]).toEqual([
      'scxml',
      'http://www.w3.org/2005/07/scxml',
      'cel',
      'triage',
    ]);
    const triage = root.children.find((c) => c.attrs.id === 'triage')!;
    const first = triage.children.find((c) => c.name === 'transition')!;
    expect(first.attrs).toMatchObject({
      cond: 'amount <= 100.0 && fraudScore < 0.3',
      target: 'refund',
      'sop:tier': 'auto',
    });
    expect(root.children.find((c) => c.attrs.id === 'done')!.name).toBe('final');
  });

  it('exports after-delays as the SCXML delayed-send idiom and onDone as done.state', () => {
    const xml = exportScxml(COMPOUND);
    expect(xml).toContain('<send event="sop.after.5000.pay" id="sop.after.5000.pay" delay="5000ms"/>');
    expect(xml).toContain('<cancel sendid="sop.after.5000.pay"/>');
    expect(exportScxml(ALL_GRAPHS.parallel!)).toMatch(
      /<transition event="done\.state\.setup" target="welcome" sop:kind="onDone"\/>/,
    );
  });

  it('escapes hostile names and text', () => {
    const doc = structuredClone(COMPOUND);
    doc.machine.states!['<script>'] = { meta: { activity: '"&<x>' }, on: { GO: 'closed' } };
    const xml = exportScxml(doc);
    expect(xml).not.toContain('<script>');
    const back = importScxml(xml);
    expect(structure(back.doc)).toEqual(structure(doc));
  });
});

describe('importScxml', () => {
  it('refuses DOCTYPE and unknown entities', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE scxml [<!ENTITY a "aaaa">]><scxml xmlns="http://www.w3.org/2005/07/scxml">&a;</scxml>';
    expect(() => importScxml(bomb)).toThrow(XmlError);
    expect(() =>
      importScxml('<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a">&ext;</state></scxml>'),
    ).toThrow(XmlError);
    expect(() => importScxml('<html/>')).toThrow(/not <scxml>/);
  });

  it('maps foreign SCXML: prefix events, In(), raise, eventless transitions and compound ids', () => {
    const xml = `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="p" datamodel="ecmascript">
      <parallel id="p">
        <state id="r1" initial="a"><state id="a"><transition event="go" target="b"/></state><state id="b"/></state>
        <state id="r2"><state id="x"><transition cond="In('b')" target="y"/></state><state id="y"><onentry><raise event="done.all"/></onentry></state></state>
        <transition event="done" target="end"/>
      </parallel>
      <final id="end"/>
    </scxml>`;
    const { doc, unsupported, keyOf } = importScxml(xml);
    expect(unsupported).toEqual([]);
    expect(keyOf.get('a')).toBe('p.r1.a');
    expect(doc.machine.states!.p!.on).toEqual({ 'done.*': 'end' });
    const machine = toRunnableMachine(doc);
    const actor = createActor(machine).start();
    expect(activeLeafKeys(machine, actor.getSnapshot()).sort()).toEqual(['p.r1.a', 'p.r2.x']);
    actor.send({ type: 'go' }); // a→b; then x→y (In b); y raises done.all, which "done" matches
    expect(activeLeafKeys(machine, actor.getSnapshot())).toEqual(['end']);
  });

  it('reports ECMAScript it will not evaluate, and still imports the structure', () => {
    const xml = `<scxml xmlns="http://www.w3.org/2005/07/scxml" datamodel="ecmascript">
      <datamodel><data id="n" expr="1"/></datamodel>
      <state id="a"><onentry><assign location="n" expr="n + 1"/></onentry><transition cond="n > 1" target="b"/></state>
      <final id="b"/>
    </scxml>`;
    const { doc, unsupported } = importScxml(xml);
    expect(unsupported.sort()).toEqual([
      '<assign> (needs the ECMAScript datamodel)',
      'ECMAScript cond (not evaluated)',
      'datamodel values (ECMAScript)',
    ]);
    expect(Object.keys(doc.machine.states!)).toEqual(['a', 'b']);
  });

  it('runs a CEL guard of an exported document on XState', () => {
    const back = importScxml(exportScxml(ALL_GRAPHS['refund.sop.json']!));
    const machine = toRunnableMachine(back.doc, { amount: 40, fraudScore: 0.1 });
    expect(createActor(machine).start().getSnapshot().value).toBe('done');
    const review = toRunnableMachine(back.doc, { amount: 400, fraudScore: 0.5 });
    expect(createActor(review).start().getSnapshot().value).toBe('review');
  });
});
