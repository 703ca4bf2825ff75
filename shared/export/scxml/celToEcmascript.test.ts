import { describe, expect, it } from 'vitest';
import { diffGraphs, isEmptyDiff } from '../../model/diff';
import { ALL_GRAPHS } from '../__fixtures__/graphs';
import { celToEcmascript } from './celToEcmascript';
import { exportScxml, SOP_NS } from './exportScxml';
import { importScxml } from './importScxml';
import { parseXml } from './xmlTree';

describe('celToEcmascript', () => {
  it('translates the shared subset, with strict equality', () => {
    expect(celToEcmascript('amount <= 100.0 && fraudScore < 0.3')).toBe('amount <= 100.0 && fraudScore < 0.3');
    expect(celToEcmascript('customer.tier == "gold" || !(urgent)')).toBe('customer.tier === "gold" || ! ( urgent )');
    expect(celToEcmascript("impact != 'Low' ? amount * 2 > 10 : false")).toBe(
      'impact !== "Low" ? amount * 2 > 10 : false',
    );
  });

  it('refuses what does not carry over', () => {
    for (const expr of [
      'size(items) > 0',
      'name.startsWith("a")',
      'tier in ["gold"]',
      'x > 1u',
      'delete == 1',
      '"\\x41" == a',
      'a =',
      '{1: 2}',
    ]) {
      expect(celToEcmascript(expr), expr).toBeNull();
    }
  });
});

describe('SCXML with ECMAScript guards', () => {
  it.each(Object.keys(ALL_GRAPHS))('%s: cond is ECMAScript, the CEL original is kept and read back', (name) => {
    const doc = ALL_GRAPHS[name]!;
    const xml = exportScxml(doc, { guards: 'ecmascript' });
    expect(parseXml(xml).attrs.datamodel).toBe('ecmascript');
    const back = importScxml(xml);
    expect(back.unsupported).toEqual([]);
    expect(isEmptyDiff(diffGraphs(doc, back.doc))).toBe(true);
  });

  it('writes the translated cond, the original in sop:cond, and the case fields as data', () => {
    const root = parseXml(exportScxml(ALL_GRAPHS['refund.sop.json']!, { guards: 'ecmascript' }));
    const first = root.children.find((c) => c.attrs.id === 'triage')!.children.find((c) => c.name === 'transition')!;
    expect(first.attrs.cond).toBe('amount <= 100.0 && fraudScore < 0.3');
    expect(first.attrs[`{${SOP_NS}}cond`]).toBe('amount <= 100.0 && fraudScore < 0.3');
    const data = root.children.find((c) => c.name === 'datamodel')!.children.map((c) => c.attrs.id);
    expect(data).toEqual(expect.arrayContaining(['amount', 'fraudScore']));
  });
});
