import { describe, expect, it } from 'vitest';
import { diffGraphs, isEmptyDiff } from '../model/diff';
import { ALL_GRAPHS, SAMPLES } from './__fixtures__/graphs';
import { commitExport } from './gate';
import { parseAnyGraph, readAnyGraph } from './openGraph';
import { exportScxml } from './scxml/exportScxml';
import { exportSealedXStateJson, exportXStateJson } from './xstateJson';

describe('readAnyGraph (open what we export, told by content)', () => {
  it.each(Object.keys(ALL_GRAPHS))(
    '%s: an exported XState JSON opens as the same graph with its wrapper',
    async (name) => {
      const doc = ALL_GRAPHS[name]!;
      const opened = await readAnyGraph(exportXStateJson(doc));
      if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
      expect(opened.source).toBe('xstate');
      expect(isEmptyDiff(diffGraphs(doc, opened.doc))).toBe(true);
      expect([opened.doc.name, opened.doc.rollout, opened.doc.version]).toEqual([doc.name, doc.rollout, doc.version]);
      expect(opened.doc.caseSchema).toEqual(doc.caseSchema);
      expect(opened.doc.agents).toEqual(doc.agents);
      expect(opened.doc.tools).toEqual(doc.tools);
    },
  );

  it.each(Object.keys(SAMPLES))('%s: SCXML opens (leading white space and a byte-order mark allowed)', async (name) => {
    const doc = SAMPLES[name]!;
    const opened = await readAnyGraph(`\uFEFF\n  ${exportScxml(doc)}`);
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    expect(opened.source).toBe('scxml');
    expect(isEmptyDiff(diffGraphs(doc, opened.doc))).toBe(true);
  });

  it('a graph document and a bare machine open as before', async () => {
    const doc = SAMPLES['refund.sop.json']!;
    expect(await readAnyGraph(JSON.stringify(doc))).toMatchObject({
      ok: true,
      source: 'sop',
      doc: { name: 'Refund requests' },
    });
    expect(await readAnyGraph(JSON.stringify({ id: 'bare', initial: 'a', states: { a: {} } }))).toMatchObject({
      ok: true,
      source: 'sop',
      doc: { name: 'bare' },
    });
  });

  it('bad input gets a clear error', async () => {
    expect(await readAnyGraph('<html><body>hi</body></html>')).toEqual({
      ok: false,
      errors: [{ path: [], message: 'not usable SCXML: root element is <html>, not <scxml>' }],
    });
    const broken = await readAnyGraph('<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a">');
    expect(broken.ok ? null : broken.errors[0]!.message).toMatch(/^not usable SCXML: /);
    const json = await readAnyGraph('{"states": ');
    expect(json.ok ? null : json.errors[0]!.message).toMatch(/^invalid JSON at line 1/);
    const sop = await readAnyGraph(JSON.stringify({ id: 'x', initial: 'a', states: { a: {} }, meta: { sop: 'nope' } }));
    expect(sop).toEqual({
      ok: false,
      errors: [{ path: ['meta', 'sop'], message: 'meta.sop must be an object (the SOP facts of an exported graph)' }],
    });
  });

  it('the schema check runs on what was opened', async () => {
    const text = JSON.stringify({
      id: 'x',
      initial: 'a',
      states: { a: { meta: { tier: 'sometimes' } } },
      meta: { sop: { name: 'X' } },
    });
    expect((await readAnyGraph(text)).ok).toBe(true);
    const parsed = await parseAnyGraph(text);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path.join('.'))).toEqual(['machine.states.a.meta.tier']);
  });
});

describe('an exported XState JSON carries its release', () => {
  it('an unchanged file reopens in the same release; an edited one does not', async () => {
    const committed = await commitExport(SAMPLES['refund.sop.json']!, {
      format: 'xstate',
      signOff: { by: 'Ada' },
      now: new Date('2026-01-02T03:04:05Z'),
    });
    if (!committed.ok) throw new Error('blocked');
    const text = await exportSealedXStateJson(committed.doc);
    const opened = await readAnyGraph(text);
    if (!opened.ok) throw new Error('not opened');
    const again = await commitExport(opened.doc, { format: 'scxml' });
    expect(again.ok && [again.doc.version, again.record.contentHash]).toEqual([
      committed.doc.version,
      committed.record.contentHash,
    ]);

    const edited = JSON.parse(text);
    edited.states.review.meta.activity = 'Look closer';
    const openedEdited = await readAnyGraph(JSON.stringify(edited));
    expect(openedEdited.ok && openedEdited.doc.exports).toBeUndefined();
  });

  it('a graph whose targets come back shorter is still the same release (sealed file hash)', async () => {
    const doc = structuredClone(SAMPLES['refund.sop.json']!);
    doc.machine.states!.refund!.always = { target: '#refund.done' }; // the long form of "done"
    const committed = await commitExport(doc, { format: 'xstate', signOff: { by: 'Ada' } });
    if (!committed.ok) throw new Error('blocked');
    const sealed = await exportSealedXStateJson(committed.doc);
    expect(JSON.parse(sealed).states.refund.always).toEqual({ target: 'done' });
    const opened = await readAnyGraph(sealed);
    if (!opened.ok) throw new Error('not opened');
    const again = await commitExport(opened.doc, { format: 'ts' });
    expect(again.ok && [again.reused, again.doc.version]).toEqual([true, committed.doc.version]);
    // without the seal the bytes differ from the release, so the file alone proves nothing
    const unsealed = await readAnyGraph(exportXStateJson(committed.doc));
    expect(unsealed.ok && unsealed.doc.exports).toBeUndefined();
  });
});
