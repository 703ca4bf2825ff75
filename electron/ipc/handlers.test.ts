import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Dialogs, type RawHandlers } from './handlers';
import { PathAllowlist } from './pathAllowlist';
import { IpcArgumentError } from './validate';

let dir: string;
let openPick: string[];
let savePick: string | undefined;
let dialogCalls: string[];
let handlers: RawHandlers;
let logFiles: PathAllowlist;

const dialogs: Dialogs = {
  showOpenDialog: async (o) => {
    dialogCalls.push(`open:${o.title}`);
    return { canceled: openPick.length === 0, filePaths: openPick };
  },
  showSaveDialog: async (o) => {
    dialogCalls.push(`save:${o.defaultPath}`);
    return savePick ? { canceled: false, filePath: savePick } : { canceled: true };
  },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-ipc-'));
  openPick = [];
  savePick = undefined;
  dialogCalls = [];
  logFiles = new PathAllowlist();
  handlers = createHandlers({
    dialogs,
    appInfo: () => ({ name: 'SOP Studio', version: '0.1.0', platform: 'linux', electron: '45.4.1' }),
    logFiles,
  });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('getAppInfo', () => {
  it('returns the app facts', async () => {
    expect(await handlers.getAppInfo()).toMatchObject({ name: 'SOP Studio', electron: '45.4.1' });
  });
  it('rejects any argument', async () => {
    await expect(handlers.getAppInfo('x')).rejects.toThrow(/getAppInfo: invalid argument: takes no arguments/);
  });
});

describe('openGraphFile', () => {
  it('reads the picked file, and null when cancelled', async () => {
    const file = path.join(dir, 'a.sop.json');
    await writeFile(file, '{"name":"A"}');
    expect(await handlers.openGraphFile()).toBeNull();
    openPick = [file];
    expect(await handlers.openGraphFile()).toEqual({ path: file, name: 'a.sop.json', contents: '{"name":"A"}' });
  });
  it('rejects an argument (the renderer cannot choose the path)', async () => {
    await expect(handlers.openGraphFile({ path: '/etc/passwd' })).rejects.toBeInstanceOf(IpcArgumentError);
    expect(dialogCalls).toEqual([]);
  });
});

describe('saveGraphFile', () => {
  it('asks for a path when none is given and writes atomically', async () => {
    savePick = path.join(dir, 'out.sop.json');
    expect(await handlers.saveGraphFile({ suggestedName: 'out.sop.json', contents: 'hello' })).toEqual({
      path: savePick,
    });
    expect(await readFile(savePick, 'utf8')).toBe('hello');
    expect(dialogCalls).toEqual(['save:out.sop.json']);
  });
  it('writes without a dialog to a path the user picked before, and asks again for any other path', async () => {
    const picked = path.join(dir, 'picked.sop.json');
    await writeFile(picked, 'old');
    openPick = [picked];
    await handlers.openGraphFile();
    dialogCalls = [];
    expect(await handlers.saveGraphFile({ path: picked, suggestedName: 'x.sop.json', contents: 'new' })).toEqual({
      path: picked,
    });
    expect(await readFile(picked, 'utf8')).toBe('new');
    expect(dialogCalls).toEqual([]);
    // a path never picked: dialog, cancelled → nothing written
    const other = path.join(dir, 'other.json');
    expect(await handlers.saveGraphFile({ path: other, suggestedName: 'x.sop.json', contents: 'evil' })).toBeNull();
    expect(dialogCalls).toEqual([`save:${other}`]);
  });
  it.each([
    ['no argument', []],
    ['a string', ['contents']],
    ['contents not a string', [{ suggestedName: 'a.json', contents: 42 }]],
    ['missing suggestedName', [{ contents: 'x' }]],
    ['a directory in suggestedName', [{ suggestedName: '../../etc/passwd', contents: 'x' }]],
    ['a relative path', [{ path: 'rel/a.json', suggestedName: 'a.json', contents: 'x' }]],
    ['an unknown field', [{ suggestedName: 'a.json', contents: 'x', mode: 0o777 }]],
    ['two arguments', [{ suggestedName: 'a.json', contents: 'x' }, 1]],
  ])('rejects %s', async (_label, args) => {
    await expect(handlers.saveGraphFile(...(args as unknown[]))).rejects.toThrow(/saveGraphFile: invalid argument/);
    expect(dialogCalls).toEqual([]);
  });
});

describe('openLogFile + readLogChunk', () => {
  it('reads chunks of a picked file only', async () => {
    const log = path.join(dir, 'cases.csv');
    await writeFile(log, 'case,activity\n1,a\n');
    openPick = [log];
    expect(await handlers.openLogFile()).toEqual({ path: log, name: 'cases.csv', size: 18 });
    expect(new TextDecoder().decode(await handlers.readLogChunk({ path: log, offset: 4, length: 9 }))).toBe(
      ',activity',
    );
    // past the end: short read
    expect((await handlers.readLogChunk({ path: log, offset: 15, length: 100 })).length).toBe(3);
    await expect(handlers.readLogChunk({ path: path.join(dir, 'secret.txt'), offset: 0, length: 10 })).rejects.toThrow(
      /not picked through openLogFile/,
    );
    await expect(
      handlers.readLogChunk({ path: `${dir}/x/../cases.csv/../../etc/passwd`, offset: 0, length: 1 }),
    ).rejects.toThrow(/not picked/);
  });
  it('openLogFile rejects an argument', async () => {
    await expect(handlers.openLogFile('/etc/passwd')).rejects.toThrow(/openLogFile: invalid argument/);
  });
  it.each([
    ['a negative offset', { path: '/x', offset: -1, length: 1 }],
    ['a fractional length', { path: '/x', offset: 0, length: 1.5 }],
    ['a huge length', { path: '/x', offset: 0, length: 2 ** 40 }],
    ['a numeric path', { path: 7, offset: 0, length: 1 }],
    ['null', null],
  ])('readLogChunk rejects %s', async (_label, arg) => {
    await expect(handlers.readLogChunk(arg)).rejects.toThrow(/readLogChunk: invalid argument/);
  });
});

describe('exportFile', () => {
  it('writes where the user chose, with the filters given', async () => {
    savePick = path.join(dir, 'report.html');
    expect(
      await handlers.exportFile({
        suggestedName: 'report.html',
        contents: '<p>ok</p>',
        filters: [{ name: 'HTML', extensions: ['html'] }],
      }),
    ).toEqual({ path: savePick });
    expect(await readFile(savePick, 'utf8')).toBe('<p>ok</p>');
  });
  it.each([
    ['bad filters', { suggestedName: 'a.html', contents: '', filters: [{ name: 'x', extensions: ['../..'] }] }],
    ['filters not a list', { suggestedName: 'a.html', contents: '', filters: 'html' }],
    ['an empty name', { suggestedName: ' ', contents: '' }],
    ['a prototype-polluting object', JSON.parse('{"suggestedName":"a","contents":"","__proto__":{"x":1}}')],
  ])('rejects %s', async (_label, arg) => {
    await expect(handlers.exportFile(arg)).rejects.toThrow(/exportFile: invalid argument/);
    expect(dialogCalls).toEqual([]);
  });
});
