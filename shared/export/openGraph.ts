/**
 * Open what we export: one entry that reads a graph from the text of any file SOP Studio writes
 * or takes — a graph document (`*.sop.json`), a bare XState config, an exported XState machine
 * JSON (the SOP wrapper rebuilt from its `meta.sop`) or SCXML. The kind is told by content, not
 * by the file name, so a renamed file still opens. Used by the CLI (validate, simulate, export,
 * run) and the app's Open / drag-and-drop.
 */
import { isObject } from '../model/defaults';
import { checkGraphDocument, readGraphDocument, type DocumentError } from '../model/parse';
import type { GraphDoc } from '../model/types';
import { XmlError } from './scxml/xmlTree';
import { importScxml, ScxmlImportError } from './scxml/importScxml';
import { importXStateConfig, isExportedXState } from './xstateImport';

export type GraphSource = 'sop' | 'xstate' | 'scxml';

export type OpenResult =
  | {
      ok: true;
      doc: GraphDoc;
      source: GraphSource;
      /** What did not come across (SCXML features with no equivalent). */ notes: string[];
    }
  | { ok: false; errors: DocumentError[] };

/** SCXML (any XML) starts with `<` after an optional byte-order mark and white space (dropped before parsing). */
function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

/** Read a graph from file text without the schema check (the validator reports what is wrong). */
export async function readAnyGraph(text: string): Promise<OpenResult> {
  if (looksLikeXml(text)) {
    try {
      const imported = importScxml(text.replace(/^\uFEFF?\s*/, ''));
      return { ok: true, doc: imported.doc, source: 'scxml', notes: imported.unsupported };
    } catch (e) {
      if (e instanceof ScxmlImportError || e instanceof XmlError)
        return { ok: false, errors: [{ path: [], message: `not usable SCXML: ${e.message}` }] };
      throw e;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // readGraphDocument words the syntax error with its line and column
    const read = readGraphDocument(text);
    return read.ok ? { ok: true, doc: read.doc, source: 'sop', notes: [] } : read;
  }
  if (isObject(value) && isExportedXState(value)) {
    const imported = await importXStateConfig(value);
    if (!imported.ok) return imported;
    return { ok: true, doc: imported.doc, source: 'xstate', notes: [] };
  }
  const read = readGraphDocument(value);
  return read.ok ? { ok: true, doc: read.doc, source: 'sop', notes: [] } : read;
}

/** Read a graph from file text and check it against the document schema. */
export async function parseAnyGraph(text: string): Promise<OpenResult> {
  const read = await readAnyGraph(text);
  if (!read.ok) return read;
  const errors = checkGraphDocument(read.doc);
  return errors.length ? { ok: false, errors } : read;
}
