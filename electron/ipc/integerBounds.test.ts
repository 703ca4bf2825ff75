/**
 * The IPC integer bounds, on a path that IS allowlisted: the call must fail for the reason the
 * bound names, not fall through to the allowlist error (which hid a missing lower bound before).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type RawHandlers } from './handlers';
import { PathAllowlist } from './pathAllowlist';

let dir: string;
let log: string;
let handlers: RawHandlers;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-ipc-int-'));
  log = path.join(dir, 'cases.csv');
  await writeFile(log, 'case,activity\n1,a\n');
  const logFiles = new PathAllowlist();
  logFiles.allow(log);
  const dialogs = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  };
  handlers = createHandlers({
    dialogs,
    appInfo: () => ({ name: 'SOP Studio', version: '0', platform: 'linux', electron: '0' }),
    logFiles,
  });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('readLogChunk integer bounds on an allowlisted path', () => {
  it('the allowlisted path itself is readable (so a rejection below is the bound, not the path)', async () => {
    expect(new TextDecoder().decode(await handlers.readLogChunk({ path: log, offset: 0, length: 4 }))).toBe('case');
  });
  it.each([
    ['offset', { offset: -1, length: 1 }, /"offset" must be between 0 and/],
    ['length', { offset: 0, length: -1 }, /"length" must be between 0 and/],
    ['length', { offset: 0, length: 2 ** 40 }, /"length" must be between 0 and/],
    ['offset', { offset: 0.5, length: 1 }, /"offset" must be an integer/],
  ])('rejects a bad %s for the reason it names', async (_k, arg, reason) => {
    await expect(handlers.readLogChunk({ path: log, ...arg })).rejects.toThrow(reason);
  });
});
