/**
 * Project lifecycle: boot (reopen the last project: crash recovery), new from template, open and
 * save `.sop.json` files, import a bare XState machine, checkpoints. Each is a store + db step.
 */
import { serializeGraphDocument } from '../../shared/model/parse';
import { openDocumentText } from '../features/files/openDocument';
import type { GraphDoc } from '../../shared/model/types';
import { computeLayout, needsLayout } from '../features/canvas/autoLayout';
import { addVersion, createProject, db, findProjectForFile, listProjects, type StudioDb } from './db';
import { openGraphFile, saveTextFile, type PickedFile } from './desktop';
import { useEditor } from './store';
import { loadUndo } from './undoHistory';
import { TEMPLATES } from './templates';
import { notify } from '../ui/toast';

const LAST_PROJECT = 'sop-studio:lastProject';

function remember(projectId: string) {
  try {
    localStorage.setItem(LAST_PROJECT, projectId);
  } catch {
    /* storage may be unavailable; recovery then falls back to the most recent project */
  }
}

/** Lay out documents whose saved layout is missing or overlapping (see needsLayout). */
async function withLayout(doc: GraphDoc): Promise<GraphDoc> {
  if (!needsLayout(doc)) return doc;
  try {
    return { ...doc, layout: await computeLayout(doc) };
  } catch (e) {
    console.warn('auto layout failed; using the grid', e);
    return doc;
  }
}

/** Open an existing project in the editor, with the undo stack saved with it (undoHistory.ts). */
export async function openProject(projectId: string, store: StudioDb = db): Promise<void> {
  const project = await store.projects.get(projectId);
  if (!project) return;
  const undo = await loadUndo(store, project.id, project.doc).catch((e: unknown) => {
    console.warn('undo history could not be read; starting without it', e);
    return null;
  });
  useEditor.getState().openProject(project.id, project.doc, undo);
  remember(project.id);
}

/** Start-up: reopen the last project (its autosaved working copy), else create the refund sample. */
export async function boot(store: StudioDb = db): Promise<void> {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_PROJECT);
  } catch {
    /* ignore */
  }
  const project = (last && (await store.projects.get(last))) || (await listProjects(store))[0];
  if (project) return openProject(project.id, store);
  const template = TEMPLATES.find((t) => t.id === 'refund') ?? TEMPLATES[0]!;
  await newProject(template.id, store);
  firstRun = { projectId: useEditor.getState().projectId, templateId: template.id };
}

let firstRun: { projectId: string | null; templateId: string } | null = null;

/**
 * Set when this start found no project at all (a fresh profile) and made one from a template:
 * the welcome shows then, and "Open a sample" of that same template reuses the project while it
 * is still untouched instead of adding a second copy to the sidebar.
 */
export function firstRunProject(): { projectId: string | null; templateId: string } | null {
  return firstRun;
}

/** Create a project from a template and open it. */
export async function newProject(templateId: string, store: StudioDb = db): Promise<void> {
  const template = TEMPLATES.find((t) => t.id === templateId) ?? TEMPLATES[0]!;
  const doc = await withLayout(template.create());
  const project = await createProject(store, doc, `Created from “${template.name}”`);
  await openProject(project.id, store);
}

/** A document made in the app (e.g. an SOP drafted from a dataset) as a new project, laid out with elk. */
export async function openDocumentAsProject(doc: GraphDoc, label: string, store: StudioDb = db): Promise<void> {
  const laidOut = await withLayout(doc);
  const project = await createProject(store, laidOut, label);
  await openProject(project.id, store);
}

/** Turn picked file text into a document (a .sop.json, a bare or exported XState machine, SCXML). */
async function documentFromFile(file: PickedFile): Promise<GraphDoc | null> {
  const opened = await openDocumentText(file.name, file.contents);
  if (!opened.ok) {
    notify(opened.message, 'bad');
    return null;
  }
  if (opened.warning) notify(opened.warning, 'warn');
  return withLayout(opened.doc);
}

/** Open a file as a new project (its first version is the file as opened). */
export async function openFileAsProject(file: PickedFile, store: StudioDb = db): Promise<void> {
  // phases of an open, read by the large-graph check (e2e/LARGE_GRAPH.md)
  performance.mark('sop-open:start');
  const doc = await documentFromFile(file);
  performance.mark('sop-open:parsed');
  if (!doc) return;
  const known = await findProjectForFile(store, doc);
  if (known) {
    // the same file again: its project, not a second copy of it in the sidebar
    await openProject(known.id, store);
    notify(`Opened ${file.name} (already in the sidebar as “${known.name}”)`, 'good');
    return;
  }
  const project = await createProject(store, doc, `Opened ${file.name}`);
  if (file.path) await store.projects.update(project.id, { filePath: file.path });
  performance.mark('sop-open:stored');
  await openProject(project.id, store);
  performance.mark('sop-open:opened');
  notify(`Opened ${file.name}`, 'good');
}

export async function openFileCommand(): Promise<void> {
  const file = await openGraphFile();
  if (file) await openFileAsProject(file);
}

/** Import a file into the current project, replacing its graph (undoable). */
export async function importIntoCurrent(): Promise<void> {
  const file = await openGraphFile();
  if (!file) return;
  const doc = await documentFromFile(file);
  if (doc) useEditor.getState().replaceDoc(doc, `Import ${file.name}`);
}

function fileName(doc: GraphDoc): string {
  const base =
    doc.name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'graph';
  return `${base}.sop.json`;
}

/** Save: a version in the history, and the file (native dialog / browser download). */
export async function saveCommand(opts: { saveAs?: boolean } = {}, store: StudioDb = db): Promise<void> {
  const { doc, projectId } = useEditor.getState();
  if (!projectId) return;
  await addVersion(store, projectId, doc, 'Saved');
  const project = await store.projects.get(projectId);
  const result = await saveTextFile({
    path: opts.saveAs ? null : project?.filePath,
    suggestedName: fileName(doc),
    contents: serializeGraphDocument(doc),
  });
  if (result?.path) await store.projects.update(projectId, { filePath: result.path });
  notify(result ? `Saved${result.path ? ` to ${result.path}` : ''}` : 'Version saved (file not written)', 'good');
}

/** A named point in the history without writing a file. */
export async function checkpointCommand(label = 'Checkpoint', store: StudioDb = db): Promise<void> {
  const { doc, projectId } = useEditor.getState();
  if (!projectId) return;
  const v = await addVersion(store, projectId, doc, label);
  notify(v ? 'Checkpoint saved' : 'No changes since the last version', v ? 'good' : 'neutral');
}
