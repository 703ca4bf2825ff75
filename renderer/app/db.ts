/**
 * Local storage of graphs (Dexie over IndexedDB, database 'sop-studio'): the project list with
 * each project's working copy (autosaved), its version history (every save or checkpoint), and
 * its undo history (the last steps of the editor's undo stack, so Ctrl+Z works after a reload).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { GraphDoc } from '../../shared/model/types';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** The working copy: what the editor shows; autosaved within a second of an edit. */
  doc: GraphDoc;
  /** Where the file was last opened from / saved to (Electron), for Save without a dialog. */
  filePath?: string | null;
}

export interface VersionRecord {
  id?: number;
  projectId: string;
  createdAt: number;
  /** Why this version exists: 'Saved', 'Checkpoint', 'Opened file', 'Created from template'. */
  label: string;
  doc: GraphDoc;
}

/** One step of the undo stack: a document and the label of the edit that made it. */
export interface UndoStep {
  doc: GraphDoc;
  docLabel: string;
}

/**
 * A project's undo stack as of its last autosave, written in the same transaction as the working
 * copy. `present` is the working copy it belongs to: a stack whose present no longer matches the
 * project's document (written by another path) is not restored.
 */
export interface UndoRecord {
  projectId: string;
  present: UndoStep;
  /** Oldest first, as zundo keeps them; undo takes the last. */
  past: UndoStep[];
  /** Redo takes the last. */
  future: UndoStep[];
}

export class StudioDb extends Dexie {
  projects!: EntityTable<ProjectRecord, 'id'>;
  versions!: EntityTable<VersionRecord, 'id'>;
  undo!: EntityTable<UndoRecord, 'projectId'>;

  constructor(name = 'sop-studio') {
    super(name);
    this.version(1).stores({
      projects: 'id, updatedAt, name',
      versions: '++id, projectId, [projectId+createdAt]',
    });
    // v2: the undo stack per project (a new table; nothing to migrate)
    this.version(2).stores({ undo: 'projectId' });
  }
}

export const db = new StudioDb();

/** A short unique id (time-ordered prefix). */
function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function createProject(store: StudioDb, doc: GraphDoc, versionLabel: string): Promise<ProjectRecord> {
  const now = Date.now();
  const project: ProjectRecord = { id: newId(), name: doc.name, createdAt: now, updatedAt: now, doc };
  await store.transaction('rw', store.projects, store.versions, async () => {
    await store.projects.add(project);
    await store.versions.add({ projectId: project.id, createdAt: now, label: versionLabel, doc });
  });
  return project;
}

/** Write the working copy (autosave). */
export async function saveWorkingCopy(store: StudioDb, projectId: string, doc: GraphDoc): Promise<void> {
  await store.projects.update(projectId, { doc, name: doc.name, updatedAt: Date.now() });
}

/** Record a version (and the working copy with it). Identical consecutive versions are skipped. */
export async function addVersion(
  store: StudioDb,
  projectId: string,
  doc: GraphDoc,
  label: string,
): Promise<VersionRecord | null> {
  const last = await store.versions
    .where('[projectId+createdAt]')
    .between([projectId, Dexie.minKey], [projectId, Dexie.maxKey])
    .last();
  const now = Date.now();
  await saveWorkingCopy(store, projectId, doc);
  if (last && JSON.stringify(last.doc) === JSON.stringify(doc)) return null;
  const version: VersionRecord = { projectId, createdAt: now, label, doc };
  version.id = await store.versions.add(version);
  return version;
}

/** Versions of a project, newest first. */
export async function listVersions(store: StudioDb, projectId: string): Promise<VersionRecord[]> {
  const list = await store.versions
    .where('[projectId+createdAt]')
    .between([projectId, Dexie.minKey], [projectId, Dexie.maxKey])
    .toArray();
  return list.reverse();
}

/** Projects, most recently edited first. */
export async function listProjects(store: StudioDb): Promise<ProjectRecord[]> {
  return (await store.projects.orderBy('updatedAt').toArray()).reverse();
}

/**
 * The project a file being opened already is: one whose working copy is the very same document
 * (the same file opened twice). Opening it again reopens that project instead of listing it twice;
 * a file that changed since is a different document and gets its own project.
 */
export async function findProjectForFile(store: StudioDb, doc: GraphDoc): Promise<ProjectRecord | undefined> {
  const text = JSON.stringify(doc);
  return (await listProjects(store)).find((p) => JSON.stringify(p.doc) === text);
}

export async function deleteProject(store: StudioDb, projectId: string): Promise<void> {
  await store.transaction('rw', store.projects, store.versions, store.undo, async () => {
    await store.projects.delete(projectId);
    await store.versions.where('projectId').equals(projectId).delete();
    await store.undo.delete(projectId);
  });
}
