/**
 * Templates for a new graph: blank, plus every sample in samples/*.sop.json (refund, ticket
 * routing, …). import.meta.glob keeps the build working as samples are added or renamed.
 */
import { emptyDoc } from '../../shared/model/edits';
import { readGraphDocument } from '../../shared/model/parse';
import type { GraphDoc } from '../../shared/model/types';

export interface Template {
  id: string;
  name: string;
  description: string;
  create(): GraphDoc;
}

const samples = import.meta.glob<{ default: unknown }>('../../samples/*.sop.json', { eager: true });

function sampleTemplates(): Template[] {
  return Object.entries(samples)
    .map(([path, mod]): Template | null => {
      const read = readGraphDocument(mod.default);
      if (!read.ok) return null;
      const id = path.split('/').pop()!.replace('.sop.json', '');
      const doc = read.doc;
      const description =
        typeof doc.description === 'string'
          ? doc.description
          : `${Object.keys(doc.machine.states ?? {}).length} states`;
      return { id, name: doc.name, description, create: () => structuredClone(doc) };
    })
    .filter((t): t is Template => t !== null)
    .sort((a, b) => (a.id === 'refund' ? -1 : b.id === 'refund' ? 1 : a.name.localeCompare(b.name)));
}

export const TEMPLATES: Template[] = [
  { id: 'blank', name: 'Blank graph', description: 'Start from an empty canvas.', create: () => emptyDoc() },
  ...sampleTemplates(),
];
