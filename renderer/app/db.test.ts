import { describe, expect, it } from 'vitest';
import { addState } from '../../shared/model/edits';
import { emptyDoc } from '../../shared/model/edits/empty';
import {
  addVersion,
  createProject,
  deleteProject,
  findProjectForFile,
  listProjects,
  listVersions,
  saveWorkingCopy,
  StudioDb,
} from './db';

let n = 0;
const freshDb = () => new StudioDb(`test-${Date.now()}-${n++}`);

describe('local storage of graphs', () => {
  it('creates a project with a first version and lists projects newest first', async () => {
    const db = freshDb();
    const a = await createProject(db, emptyDoc('A'), 'Created');
    await new Promise((r) => setTimeout(r, 5));
    await createProject(db, emptyDoc('B'), 'Created');
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['B', 'A']);
    expect((await listVersions(db, a.id)).map((v) => v.label)).toEqual(['Created']);
  });

  it('autosave writes the working copy without adding versions; saves add versions, skipping identical ones', async () => {
    const db = freshDb();
    const p = await createProject(db, emptyDoc('A'), 'Created');
    const edited = addState(p.doc, { name: 'triage' });
    await saveWorkingCopy(db, p.id, edited);
    expect((await db.projects.get(p.id))!.doc.machine.states).toHaveProperty('triage');
    expect(await listVersions(db, p.id)).toHaveLength(1);
    expect(await addVersion(db, p.id, edited, 'Saved')).not.toBeNull();
    expect(await addVersion(db, p.id, edited, 'Saved')).toBeNull();
    expect((await listVersions(db, p.id)).map((v) => v.label)).toEqual(['Saved', 'Created']);
  });

  it('deleting a project removes its versions', async () => {
    const db = freshDb();
    const p = await createProject(db, emptyDoc('A'), 'Created');
    await deleteProject(db, p.id);
    expect(await db.versions.count()).toBe(0);
    expect(await db.projects.count()).toBe(0);
  });

  it('finds the project a file already is (same document), and no other', async () => {
    const db = freshDb();
    const a = await createProject(db, emptyDoc('A'), 'Opened a.sop.json');
    await createProject(db, emptyDoc('B'), 'Created');
    expect((await findProjectForFile(db, emptyDoc('A')))?.id).toBe(a.id);
    // the same name but another graph (edited since, or a different file): not the same project
    expect(await findProjectForFile(db, addState(emptyDoc('A'), { name: 'triage' }))).toBeUndefined();
    await saveWorkingCopy(db, a.id, addState(a.doc, { name: 'triage' }));
    expect(await findProjectForFile(db, emptyDoc('A'))).toBeUndefined();
  });
});
