/**
 * Every IPC argument check, each on an input that passes every OTHER check: the path is
 * allowlisted (picked by the user), the other fields are valid, so the call can only fail for
 * the reason the test names (issue 16: a missing lower bound hid behind the allowlist error).
 * Each rejection is matched on its exact message, and the value one step inside each limit is
 * shown to be accepted, so a limit moved by one either way fails here.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Dialogs, type RawHandlers } from './handlers';
import { PathAllowlist } from './pathAllowlist';
import { IpcArgumentError, LIMITS } from './validate';

let dir: string;
let log: string;
let graph: string;
let dialogCalls: string[];
let logFiles: PathAllowlist;
let graphFiles: PathAllowlist;
let handlers: RawHandlers;
let savePick: string | undefined;
let saveFilters: unknown[];

const dialogs: Dialogs = {
  showOpenDialog: async (o) => {
    dialogCalls.push(`open:${o.title}`);
    return { canceled: true, filePaths: [] };
  },
  showSaveDialog: async (o) => {
    dialogCalls.push(`save:${o.defaultPath}`);
    saveFilters.push(o.filters);
    return savePick ? { canceled: false, filePath: savePick } : { canceled: true };
  },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-ipc-why-'));
  log = path.join(dir, 'cases.csv');
  graph = path.join(dir, 'g.sop.json');
  await writeFile(log, 'case,activity\n1,a\n'); // 18 bytes
  await writeFile(graph, 'old');
  dialogCalls = [];
  savePick = undefined;
  saveFilters = [];
  logFiles = new PathAllowlist();
  logFiles.allow(log);
  graphFiles = new PathAllowlist();
  graphFiles.allow(graph);
  handlers = createHandlers({
    dialogs,
    appInfo: () => ({ name: 'SOP Studio', version: '0', platform: 'linux', electron: '0' }),
    logFiles,
    graphFiles,
  });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** The exact message a rejection carries (IpcArgumentError prefixes channel and "invalid argument"). */
async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IpcArgumentError);
    expect((e as Error).name).toBe('IpcArgumentError');
    return (e as Error).message;
  }
  throw new Error('expected a rejection, the call succeeded');
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('readLogChunk on an allowlisted path: each check rejects for its own reason', () => {
  it('accepts the limits themselves: offset 0 and MAX_SAFE_INTEGER, length 0 and maxChunkBytes', async () => {
    expect(text(await handlers.readLogChunk({ path: log, offset: 0, length: 4 }))).toBe('case');
    expect((await handlers.readLogChunk({ path: log, offset: 0, length: 0 })).length).toBe(0);
    expect((await handlers.readLogChunk({ path: log, offset: Number.MAX_SAFE_INTEGER, length: 1 })).length).toBe(0);
    // the largest chunk is allowed; the file is only 18 bytes, so the read is short
    const whole = await handlers.readLogChunk({ path: log, offset: 0, length: LIMITS.maxChunkBytes });
    expect(text(whole)).toBe('case,activity\n1,a\n');
  });

  it.each([
    ['offset below 0', { offset: -1, length: 1 }, '"offset" must be between 0 and 9007199254740991, got -1'],
    ['length below 0', { offset: 0, length: -1 }, '"length" must be between 0 and 16777216, got -1'],
    [
      'length one over the cap',
      { offset: 0, length: LIMITS.maxChunkBytes + 1 },
      '"length" must be between 0 and 16777216, got 16777217',
    ],
    ['offset a string', { offset: '0', length: 1 }, '"offset" must be an integer, got a string of 1 characters'],
    ['offset missing', { length: 1 }, '"offset" must be an integer, got undefined'],
    ['offset null', { offset: null, length: 1 }, '"offset" must be an integer, got null'],
    ['offset fractional', { offset: 0.5, length: 1 }, '"offset" must be an integer, got number'],
    [
      'offset past the safe integers',
      { offset: Number.MAX_SAFE_INTEGER + 1, length: 1 },
      '"offset" must be an integer, got number',
    ],
    ['length a list', { offset: 0, length: [1] }, '"length" must be an integer, got an array'],
    ['length a boolean', { offset: 0, length: true }, '"length" must be an integer, got boolean'],
  ])('%s', async (_label, arg, message) => {
    expect(await reason(handlers.readLogChunk({ path: log, ...arg }))).toBe(
      `readLogChunk: invalid argument: ${message}`,
    );
  });

  it('a path longer than maxPathChars is refused for its length even though it is allowlisted', async () => {
    const long = path.join(dir, 'a'.repeat(LIMITS.maxPathChars)); // absolute, so the allowlist would accept it
    logFiles.allow(long);
    expect(logFiles.has(long)).toBe(true);
    expect(await reason(handlers.readLogChunk({ path: long, offset: 0, length: 1 }))).toBe(
      'readLogChunk: invalid argument: "path" is longer than 4096 characters',
    );
  });

  it('a path of exactly maxPathChars passes the length check (it fails later, in the file system)', async () => {
    const exact = dir + '/' + 'a'.repeat(LIMITS.maxPathChars - dir.length - 1);
    expect(exact).toHaveLength(LIMITS.maxPathChars);
    logFiles.allow(exact);
    await expect(handlers.readLogChunk({ path: exact, offset: 0, length: 1 })).rejects.not.toBeInstanceOf(
      IpcArgumentError,
    );
  });

  it('a NUL in an allowlisted path is refused for the NUL', async () => {
    const withNul = path.join(dir, 'ca\0ses.csv');
    logFiles.allow(withNul);
    expect(await reason(handlers.readLogChunk({ path: withNul, offset: 0, length: 1 }))).toBe(
      'readLogChunk: invalid argument: "path" contains a NUL character',
    );
  });

  it('a path that is a number, or blank, is refused for its type or emptiness', async () => {
    expect(await reason(handlers.readLogChunk({ path: 7, offset: 0, length: 1 }))).toBe(
      'readLogChunk: invalid argument: "path" must be a string, got number',
    );
    expect(await reason(handlers.readLogChunk({ path: ' \t', offset: 0, length: 1 }))).toBe(
      'readLogChunk: invalid argument: "path" must not be empty',
    );
  });

  it('the request object itself: extra field, two arguments, none, not a plain object', async () => {
    const ok = { path: log, offset: 0, length: 1 };
    expect(await reason(handlers.readLogChunk({ ...ok, mode: 'w' }))).toBe(
      'readLogChunk: invalid argument: unexpected field "mode"',
    );
    expect(await reason(handlers.readLogChunk(ok, ok))).toBe(
      'readLogChunk: invalid argument: takes exactly one argument, got 2',
    );
    expect(await reason(handlers.readLogChunk())).toBe(
      'readLogChunk: invalid argument: takes exactly one argument, got 0',
    );
    expect(await reason(handlers.readLogChunk([log, 0, 1]))).toBe(
      'readLogChunk: invalid argument: expected an object, got an array',
    );
    expect(await reason(handlers.readLogChunk('x'.repeat(3)))).toBe(
      'readLogChunk: invalid argument: expected an object, got a string of 3 characters',
    );
    expect(await reason(handlers.readLogChunk(null))).toBe(
      'readLogChunk: invalid argument: expected an object, got null',
    );
    class Req {
      path = log;
      offset = 0;
      length = 1;
    }
    expect(await reason(handlers.readLogChunk(new Req()))).toBe(
      'readLogChunk: invalid argument: expected a plain object',
    );
    // a prototype-free object with the same fields is fine
    const bare = Object.assign(Object.create(null) as object, ok);
    expect(text(await handlers.readLogChunk(bare))).toBe('c');
  });
});

describe('saveGraphFile to an allowlisted path: each check rejects for its own reason', () => {
  const ok = () => ({ path: graph, suggestedName: 'g.sop.json', contents: 'new' });

  it('the valid request writes without a dialog (so the rejections below are the named check)', async () => {
    expect(await handlers.saveGraphFile(ok())).toEqual({ path: graph });
    expect(await readFile(graph, 'utf8')).toBe('new');
    expect(dialogCalls).toEqual([]);
  });

  it('a suggested name of maxNameChars is accepted, one more is refused for its length', async () => {
    expect(await handlers.saveGraphFile({ ...ok(), suggestedName: 'n'.repeat(LIMITS.maxNameChars) })).toEqual({
      path: graph,
    });
    expect(await reason(handlers.saveGraphFile({ ...ok(), suggestedName: 'n'.repeat(LIMITS.maxNameChars + 1) }))).toBe(
      'saveGraphFile: invalid argument: "suggestedName" is longer than 255 characters',
    );
  });

  it.each([
    ['a slash', 'a/b.json'],
    ['a backslash', 'a\\b.json'],
    ['a control character (U+001F)', 'a\u001fb.json'],
    ['a newline', 'a\nb.json'],
    ['"."', '.'],
    ['".."', '..'],
  ])('a suggested name with %s is not a bare file name', async (_label, suggestedName) => {
    expect(await reason(handlers.saveGraphFile({ ...ok(), suggestedName }))).toBe(
      `saveGraphFile: invalid argument: "suggestedName" must be a bare file name, got "${suggestedName}"`,
    );
    expect(await readFile(graph, 'utf8')).toBe('old');
  });

  it('names with spaces, dots and non-ASCII are bare file names', async () => {
    for (const suggestedName of ['my graph.sop.json', '...json', 'Überweisung 😀.json', 'a~b']) {
      expect(await handlers.saveGraphFile({ ...ok(), suggestedName })).toEqual({ path: graph });
    }
  });

  it('the quoted name in the message is clipped to 80 characters', async () => {
    const name = 'x'.repeat(100) + '/';
    expect(await reason(handlers.saveGraphFile({ ...ok(), suggestedName: name }))).toBe(
      `saveGraphFile: invalid argument: "suggestedName" must be a bare file name, got "${'x'.repeat(80)}"`,
    );
  });

  it.each([
    ['contents not a string', { contents: 42 }, '"contents" must be a string, got number'],
    ['a blank suggested name', { suggestedName: '  ' }, '"suggestedName" must not be empty'],
    ['a blank path', { path: ' ' }, '"path" must not be empty'],
    ['a relative path', { path: 'g.sop.json' }, '"path" must be absolute'],
    ['a path that is not a string', { path: 1 }, '"path" must be a string, got number'],
  ])('%s', async (_label, change, message) => {
    expect(await reason(handlers.saveGraphFile({ ...ok(), ...change }))).toBe(
      `saveGraphFile: invalid argument: ${message}`,
    );
    expect(dialogCalls).toEqual([]);
    expect(await readFile(graph, 'utf8')).toBe('old');
  });

  it('a NUL in an allowlisted path is refused for the NUL', async () => {
    const withNul = graph + '\0';
    graphFiles.allow(withNul);
    expect(await reason(handlers.saveGraphFile({ ...ok(), path: withNul }))).toBe(
      'saveGraphFile: invalid argument: "path" contains a NUL character',
    );
  });

  it('no path at all goes through the dialog with the suggested name', async () => {
    savePick = graph;
    expect(await handlers.saveGraphFile({ suggestedName: 'g.sop.json', contents: 'via dialog' })).toEqual({
      path: graph,
    });
    expect(dialogCalls).toEqual(['save:g.sop.json']);
    expect(await readFile(graph, 'utf8')).toBe('via dialog');
  });
});

describe('exportFile filters: each limit on an otherwise valid request', () => {
  const filter = (i: number) => ({ name: `F${i}`, extensions: ['json'] });
  const ask = (filters: unknown) => handlers.exportFile({ suggestedName: 'r.html', contents: 'x', filters });

  it('accepts maxFilters filters, maxExtensions extensions, 32-character extensions, "*", and a 100-character name', async () => {
    await expect(ask(Array.from({ length: LIMITS.maxFilters }, (_, i) => filter(i)))).resolves.toBeNull(); // dialog cancelled
    await expect(
      ask([{ name: 'n'.repeat(100), extensions: Array.from({ length: LIMITS.maxExtensions }, (_, i) => `e${i}`) }]),
    ).resolves.toBeNull();
    await expect(ask([{ name: 'All', extensions: ['*', 'a'.repeat(32), 'tar.gz', 'a_b-c'] }])).resolves.toBeNull();
    expect(dialogCalls).toHaveLength(3);
  });

  it.each([
    [
      'one filter too many',
      Array.from({ length: LIMITS.maxFilters + 1 }, (_, i) => filter(i)),
      '"filters" must be an array of at most 16 filters',
    ],
    ['filters not a list', { 0: filter(0) }, '"filters" must be an array of at most 16 filters'],
    [
      'one extension too many',
      [{ name: 'F', extensions: Array.from({ length: LIMITS.maxExtensions + 1 }, (_, i) => `e${i}`) }],
      'filters[0].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'no extensions',
      [{ name: 'F', extensions: [] }],
      'filters[0].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'extensions not a list',
      [{ name: 'F', extensions: 'json' }],
      'filters[0].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'a 33-character extension',
      [filter(0), { name: 'F', extensions: ['a'.repeat(33)] }],
      'filters[1].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'an extension with a slash',
      [{ name: 'F', extensions: ['json', 'a/b'] }],
      'filters[0].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'an extension with a prefix before a valid one',
      [{ name: 'F', extensions: ['x json'] }],
      'filters[0].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'an extension that is a number',
      [{ name: 'F', extensions: [1] }],
      'filters[0].extensions must be a non-empty list of extensions like "json"',
    ],
    [
      'a filter name of 101 characters',
      [{ name: 'n'.repeat(101), extensions: ['json'] }],
      '"name" is longer than 100 characters',
    ],
    ['an unknown filter field', [{ name: 'F', extensions: ['json'], hidden: true }], 'unexpected field "hidden"'],
  ])('%s', async (_label, filters, message) => {
    const got = await reason(ask(filters));
    // a filter's own fields are named with their index (the reader's channel is "exportFile filters[i]")
    expect(got.endsWith(message)).toBe(true);
    expect(got.startsWith('exportFile')).toBe(true);
    expect(dialogCalls).toEqual([]);
  });

  it('names the filter a field error is in', async () => {
    expect(await reason(ask([filter(0), { name: 'F', extensions: ['json'], x: 1 }]))).toBe(
      'exportFile filters[1]: invalid argument: unexpected field "x"',
    );
  });
});

describe('what the checks let through reaches the dialog and the disk unchanged', () => {
  it('empty contents are a valid file (only names and paths must be non-blank)', async () => {
    expect(await handlers.saveGraphFile({ path: graph, suggestedName: 'g.sop.json', contents: '' })).toEqual({
      path: graph,
    });
    expect(await readFile(graph, 'utf8')).toBe('');
    savePick = path.join(dir, 'empty.html');
    expect(await handlers.exportFile({ suggestedName: 'empty.html', contents: '' })).toEqual({ path: savePick });
    expect(await readFile(savePick, 'utf8')).toBe('');
  });

  it('exportFile without filters passes none to the dialog; with filters, exactly the ones given', async () => {
    expect(await handlers.exportFile({ suggestedName: 'r.html', contents: 'x' })).toBeNull();
    expect(
      await handlers.exportFile({
        suggestedName: 'r.html',
        contents: 'x',
        filters: [
          { name: 'HTML', extensions: ['html', 'htm'] },
          { name: 'All', extensions: ['*'] },
        ],
      }),
    ).toBeNull();
    expect(saveFilters).toEqual([
      undefined,
      [
        { name: 'HTML', extensions: ['html', 'htm'] },
        { name: 'All', extensions: ['*'] },
      ],
    ]);
  });
});
