/**
 * Open a picked or dropped file as a graph: any kind SOP Studio writes or reads — a graph
 * document, a bare or exported XState machine JSON, SCXML — told by content (shared/export/
 * openGraph), so the app opens its own exports. Returns the document and what to tell the user.
 */
import { readAnyGraph, type GraphSource } from '../../../shared/export/openGraph';
import { checkGraphDocument } from '../../../shared/model/parse';
import type { GraphDoc } from '../../../shared/model/types';

export type OpenedFile =
  | {
      ok: true;
      doc: GraphDoc;
      source: GraphSource;
      /** Something to say besides "opened" (schema problems, SCXML parts left out). */ warning: string | null;
    }
  | { ok: false; message: string };

const SOURCE_WORDS: Record<GraphSource, string> = { sop: 'graph', xstate: 'XState machine', scxml: 'SCXML' };

export async function openDocumentText(name: string, text: string): Promise<OpenedFile> {
  const read = await readAnyGraph(text);
  if (!read.ok) return { ok: false, message: `Could not open ${name}: ${read.errors[0]?.message ?? 'unreadable'}` };
  const problems = checkGraphDocument(read.doc);
  const warnings: string[] = [];
  if (problems.length) warnings.push(`${problems.length} schema problem(s); see Validation`);
  if (read.notes.length)
    warnings.push(
      `not imported from the ${SOURCE_WORDS[read.source]}: ${read.notes.slice(0, 3).join(', ')}${read.notes.length > 3 ? ', …' : ''}`,
    );
  return {
    ok: true,
    doc: read.doc,
    source: read.source,
    warning: warnings.length ? `${name} opened with ${warnings.join('; ')}.` : null,
  };
}

/** File-picker `accept` list for graphs: everything openDocumentText reads. */
export const GRAPH_ACCEPT = '.json,.sop.json,application/json,.scxml,.xml,application/xml,text/xml';
