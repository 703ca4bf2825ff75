/**
 * "Open a sample" from the welcome: the sample graph as a new project AND its recorded log
 * (samples/cases/*) imported as a dataset through the same worker pipeline as a user's import, so
 * Simulate lists a dataset and "Run replay" works at once. The logs are imported with `?raw`
 * dynamic imports: a chunk of their own, loaded only when asked for, and working under file://
 * in Electron where a fetch of an asset URL would not.
 */
import type { ColumnMapping } from '../../shared/import/types';
import { probeFile, startImport } from '../features/data/importClient';
import { useSim } from '../features/simulation/simStore';
import { firstRunProject, newProject } from './projects';
import { useEditor } from './store';

export interface SampleWithData {
  /** Template id (samples/<id>.sop.json). */
  templateId: string;
  title: string;
  blurb: string;
  fileName: string;
  /** Roles the header guess cannot know (refund-history names its resource column agent_name). */
  mapping?: Partial<ColumnMapping>;
  loadLog(): Promise<string>;
}

export const SAMPLES_WITH_DATA: readonly SampleWithData[] = [
  {
    templateId: 'refund',
    title: 'Refund requests',
    blurb: 'Triage, fraud check and manual review; 400 recorded cases.',
    fileName: 'refund-history.csv',
    mapping: { resource: 'agent_name' },
    loadLog: async () => (await import('../../samples/cases/refund-history.csv?raw')).default,
  },
  {
    templateId: 'ticket-routing',
    title: 'Support ticket routing',
    blurb: 'Classify and route tickets to queues; recorded cases with their fields.',
    fileName: 'ticket-cases.csv',
    loadLog: async () => (await import('../../samples/cases/ticket-cases.csv?raw')).default,
  },
];

/** Import `sample`'s log as a dataset and select it in Simulate; resolves to the dataset id. */
async function importSampleLog(sample: SampleWithData): Promise<string> {
  const file = new File([await sample.loadLog()], sample.fileName, { type: 'text/csv' });
  const probe = await probeFile(file);
  const guessed = probe.preview?.guessed ?? {};
  const mapping = { ...guessed, ...sample.mapping };
  if (!mapping.caseId || !mapping.activity) throw new Error(`${sample.fileName}: no case id or activity column found`);
  const handle = startImport(file, probe, {
    name: `${sample.fileName.replace(/\.csv$/, '')} (sample)`,
    mapping: { ...mapping, caseId: mapping.caseId, activity: mapping.activity },
    onProgress: () => undefined,
  });
  const row = await handle.done;
  if (!row) throw new Error(`${sample.fileName}: the import was cancelled`);
  const sim = useSim.getState();
  sim.setDataset(row.id);
  sim.bumpData();
  return row.id;
}

/** The sample as a new project with its dataset imported; ends in Simulate's Run tab. */
export async function openSampleWithData(sample: SampleWithData): Promise<void> {
  const first = firstRunProject();
  const editor = useEditor.getState();
  // the project a fresh profile starts with is this sample, unedited: import into it, no second copy
  const reuse =
    first !== null && first.templateId === sample.templateId && first.projectId === editor.projectId && !editor.canUndo;
  if (!reuse) await newProject(sample.templateId);
  await importSampleLog(sample);
  useSim.getState().setTab('run');
  useEditor.getState().setMode('simulate');
}
