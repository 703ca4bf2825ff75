import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { HANDLERS, MENU_COMMANDS, channelOf, isMenuCommand } from './channels';
import type { RawHandlers } from './handlers';
import { PathAllowlist } from './pathAllowlist';
import { registerIpcHandlers, type IpcMainLike } from './register';
import { isTrustedSenderUrl } from './senderCheck';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  return { ipc, handlers };
}

const eventFrom = (url: string | null) =>
  ({ senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent;

const calls: unknown[][] = [];
const raw = Object.fromEntries(
  HANDLERS.map((n) => [n, async (...args: unknown[]) => (calls.push([n, ...args]), n)]),
) as unknown as RawHandlers;

describe('registerIpcHandlers', () => {
  it('registers one channel per contract handler and removes them again', () => {
    const { ipc, handlers } = fakeIpcMain();
    const dispose = registerIpcHandlers(ipc, raw);
    expect([...handlers.keys()].sort()).toEqual(HANDLERS.map(channelOf).sort());
    expect(HANDLERS).toHaveLength(6);
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('passes calls from the app page through and refuses every other sender', async () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpcHandlers(ipc, raw, { devServerUrl: 'http://localhost:5173/' });
    const save = handlers.get(channelOf('saveGraphFile'))!;
    calls.length = 0;
    await expect(save(eventFrom('app://sop-studio/index.html'), { a: 1 })).resolves.toBe('saveGraphFile');
    await expect(save(eventFrom('http://localhost:5173/#/x'), {})).resolves.toBe('saveGraphFile');
    for (const bad of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://localhost:5174/',
      'about:blank',
      null,
    ]) {
      expect(() => save(eventFrom(bad), {})).toThrow(/saveGraphFile: refused: sender/);
    }
    expect(calls).toEqual([
      ['saveGraphFile', { a: 1 }],
      ['saveGraphFile', {}],
    ]);
  });
});

describe('senderCheck', () => {
  it('trusts only app://sop-studio without a dev server', () => {
    expect(isTrustedSenderUrl('app://sop-studio/')).toBe(true);
    expect(isTrustedSenderUrl('app://sop-studio.evil/')).toBe(false);
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isTrustedSenderUrl('not a url')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
  });
});

describe('PathAllowlist', () => {
  it('matches normalised absolute paths only, and forgets the oldest past its size', () => {
    const list = new PathAllowlist(2);
    list.allow('/data/a.csv');
    expect(list.has('/data/x/../a.csv')).toBe(true);
    expect(list.has('data/a.csv')).toBe(false);
    list.allow('/data/b.csv');
    list.allow('/data/c.csv');
    expect(list.has('/data/a.csv')).toBe(false);
    expect(list.has('/data/c.csv')).toBe(true);
  });
});

describe('menu commands', () => {
  it('recognises exactly the contract commands', () => {
    expect(MENU_COMMANDS).toHaveLength(16);
    expect(isMenuCommand('file.save')).toBe(true);
    expect(isMenuCommand('help.shortcuts')).toBe(true);
    expect(isMenuCommand('file.delete')).toBe(false);
    expect(isMenuCommand(1)).toBe(false);
  });
});
