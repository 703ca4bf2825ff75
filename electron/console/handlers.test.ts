/** The console IPC handlers: validation of every argument, and registration behind the sender check. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainLike } from '../ipc/register';
import { CONSOLE_CHANNELS } from './contract';
import { createConsoleHandlers, registerConsoleHandlers, type ConsoleHandlers } from './handlers';
import { NetworkAllowance } from './networkAllowance';
import { ConsoleTokenStore, type SafeStorageLike } from './tokenStore';

const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
  decryptString: (b) => Buffer.from(b.toString().replace(/^sealed:/, ''), 'hex').toString(),
};

let dir: string;
let handlers: ConsoleHandlers;
let network: NetworkAllowance;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-console-ipc-'));
  network = new NetworkAllowance();
  handlers = createConsoleHandlers({ tokens: new ConsoleTokenStore(safeStorage, dir), network });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('console handlers', () => {
  it('save, load (by origin and last), forget round trip', async () => {
    expect(await handlers.saveConsoleToken({ url: 'http://127.0.0.1:8787/', token: 'tok-op' })).toEqual({
      stored: 'keychain',
    });
    expect(await handlers.loadConsoleToken()).toEqual({ url: 'http://127.0.0.1:8787', token: 'tok-op' });
    expect(await handlers.loadConsoleToken({ url: 'http://127.0.0.1:8787' })).toEqual({
      url: 'http://127.0.0.1:8787',
      token: 'tok-op',
    });
    expect(await handlers.loadConsoleToken({})).toEqual({ url: 'http://127.0.0.1:8787', token: 'tok-op' });
    await handlers.forgetConsoleToken({ url: 'http://127.0.0.1:8787' });
    expect(await handlers.loadConsoleToken()).toBeNull();
  });

  it('refuses malformed arguments with a message naming the field', async () => {
    const bad: Array<[keyof ConsoleHandlers, unknown[], RegExp]> = [
      ['saveConsoleToken', [], /exactly one argument/],
      ['saveConsoleToken', [{ url: 'http://127.0.0.1:8787' }], /"token" must be a string/],
      ['saveConsoleToken', [{ url: 'http://127.0.0.1:8787', token: '   ' }], /"token" must not be empty/],
      ['saveConsoleToken', [{ url: 'http://127.0.0.1:8787', token: 'a\r\nX-Evil: 1' }], /control characters/],
      ['saveConsoleToken', [{ url: 'http://127.0.0.1:8787', token: 'x'.repeat(4097) }], /longer than 4096/],
      ['saveConsoleToken', [{ url: 'file:///etc/passwd', token: 't' }], /"url": only http and https/],
      ['saveConsoleToken', [{ url: 'http://127.0.0.1:8787', token: 't', extra: 1 }], /unexpected field "extra"/],
      ['loadConsoleToken', [{ url: 42 }], /"url" must be a string/],
      ['loadConsoleToken', [{}, {}], /at most one argument/],
      ['forgetConsoleToken', [{}], /"url" must be a string/],
      ['setConsoleConnection', ['http://127.0.0.1:8787'], /expected an object/],
      ['setConsoleConnection', [{ url: 'ftp://x' }], /only http and https/],
      ['setModelEndpoint', [{ url: 'http://a:b@127.0.0.1' }], /credentials/],
    ];
    for (const [name, args, message] of bad) {
      await expect(
        (handlers[name] as (...a: unknown[]) => Promise<unknown>)(...args),
        `${name} ${JSON.stringify(args)}`,
      ).rejects.toThrow(message);
    }
    expect(await handlers.loadConsoleToken()).toBeNull();
    expect(network.allowedOrigins()).toEqual([]);
  });

  it('setConsoleConnection and setModelEndpoint drive the network allowance', async () => {
    await handlers.setConsoleConnection({ url: 'http://127.0.0.1:8787/inbox' });
    await handlers.setModelEndpoint({ url: 'http://127.0.0.1:11434/v1' });
    expect(network.allows('http://127.0.0.1:8787/health')).toBe(true);
    expect(network.allowedOrigins()).toEqual(['http://127.0.0.1:8787', 'http://127.0.0.1:11434']);
    await handlers.setConsoleConnection({ url: null });
    expect(network.allows('http://127.0.0.1:8787/health')).toBe(false);
  });

  it('registers the console channels behind the sender check', async () => {
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipc: IpcMainLike = {
      handle: (c, l) => void registered.set(c, l),
      removeHandler: (c) => void registered.delete(c),
    };
    const dispose = registerConsoleHandlers(ipc, handlers);
    expect([...registered.keys()].sort()).toEqual([
      'console:forgetToken',
      'console:loadToken',
      'console:saveToken',
      'console:setConnection',
      'console:setModelEndpoint',
    ]);
    const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
    const save = registered.get(CONSOLE_CHANNELS.saveConsoleToken)!;
    await expect(
      save(from('app://sop-studio/index.html'), { url: 'http://127.0.0.1:8787', token: 't' }),
    ).resolves.toEqual({ stored: 'keychain' });
    expect(() => save(from('https://evil.example/'), { url: 'http://127.0.0.1:8787', token: 't' })).toThrow(
      /refused: sender/,
    );
    expect(() =>
      registered.get(CONSOLE_CHANNELS.setConsoleConnection)!(from('https://evil.example/'), {
        url: 'https://evil.example',
      }),
    ).toThrow(/refused/);
    expect(network.allowedOrigins()).toEqual([]);
    dispose();
    expect(registered.size).toBe(0);
  });
});
