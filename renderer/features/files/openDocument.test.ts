import { describe, expect, it } from 'vitest';
import { exportScxml } from '../../../shared/export/scxml/exportScxml';
import { exportXStateJson } from '../../../shared/export/xstateJson';
import { withDefaults } from '../../../shared/model/defaults';
import refund from '../../../samples/refund.sop.json';
import { openDocumentText } from './openDocument';

const doc = withDefaults(structuredClone(refund));

describe('openDocumentText (the app opens its own exports)', () => {
  it('opens an exported XState JSON and SCXML with the graph name, rollout and tiers', async () => {
    for (const [name, text, source] of [
      ['refund.machine.json', exportXStateJson(doc), 'xstate'],
      ['refund.scxml', exportScxml(doc), 'scxml'],
    ] as const) {
      const opened = await openDocumentText(name, text);
      if (!opened.ok) throw new Error(opened.message);
      expect([opened.source, opened.doc.name, opened.doc.rollout, opened.warning]).toEqual([
        source,
        'Refund requests',
        'autonomy',
        null,
      ]);
      expect(opened.doc.machine.states!.triage!.always).toEqual(doc.machine.states!.triage!.always);
    }
  });

  it('says why a file cannot be opened', async () => {
    expect(await openDocumentText('page.html', '<html></html>')).toEqual({
      ok: false,
      message: 'Could not open page.html: not usable SCXML: root element is <html>, not <scxml>',
    });
  });
});
