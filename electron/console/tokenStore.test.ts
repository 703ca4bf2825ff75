/**
 * The token store on a real temporary userData folder, with a fake safeStorage (the Electron
 * binary is not available in Node tests): the fake "encrypts" by XOR with a key byte and a marker,
 * so the test can check the file never holds the token in the clear and that decryption with
 * another key fails as the real one does.
 */
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleTokenStore, TOKEN_FILE_NAME, type SafeStorageLike, type TokenStoreFs } from './tokenStore';

function fakeSafeStorage(
  opts: { available?: boolean; backend?: string; key?: number } = {},
): SafeStorageLike & { encrypted: number } {
  const key = opts.key ?? 0x5a;
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString(plain: string) {
      fake.encrypted += 1;
      return Buffer.concat([Buffer.from([0xee, key]), Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key))]);
    },
    decryptString(sealed: Buffer) {
      if (sealed[0] !== 0xee || sealed[1] !== key)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(2).map((b) => b ^ key)).toString('utf8');
    },
    ...(opts.backend ? { getSelectedStorageBackend: () => opts.backend as string } : {}),
  };
  return fake;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-tokens-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const fileText = () => readFile(path.join(dir, 'userData', TOKEN_FILE_NAME), 'utf8');

describe('ConsoleTokenStore', () => {
  it('keeps one encrypted token per origin and offers the last one connected to', async () => {
    const store = new ConsoleTokenStore(fakeSafeStorage(), path.join(dir, 'userData'));
    expect(await store.load()).toBeNull();
    expect(await store.save({ url: 'http://127.0.0.1:8787/', token: 'op-secret-1' })).toEqual({ stored: 'keychain' });
    expect(await store.save({ url: 'https://ops.example.com', token: 'viewer-secret-2' })).toEqual({
      stored: 'keychain',
    });

    const text = await fileText();
    expect(text).not.toContain('op-secret-1');
    expect(text).not.toContain('viewer-secret-2');
    expect(Object.keys((JSON.parse(text) as { tokens: object }).tokens).sort()).toEqual([
      'http://127.0.0.1:8787',
      'https://ops.example.com',
    ]);

    // a new store over the same folder (next app start) reads what the first one wrote
    const again = new ConsoleTokenStore(fakeSafeStorage(), path.join(dir, 'userData'));
    expect(await again.load()).toEqual({ url: 'https://ops.example.com', token: 'viewer-secret-2' });
    expect(await again.load('http://127.0.0.1:8787/inbox')).toEqual({
      url: 'http://127.0.0.1:8787',
      token: 'op-secret-1',
    });
    expect(await again.load('http://127.0.0.1:9999')).toBeNull();
  });

  it('replaces the token of an origin, and forgets one origin without touching the other', async () => {
    const store = new ConsoleTokenStore(fakeSafeStorage(), dir);
    await store.save({ url: 'http://127.0.0.1:8787', token: 'old' });
    await store.save({ url: 'http://localhost:9000', token: 'other' });
    await store.save({ url: 'http://127.0.0.1:8787', token: 'new' });
    expect(await store.load('http://127.0.0.1:8787')).toEqual({ url: 'http://127.0.0.1:8787', token: 'new' });
    await store.forget('http://127.0.0.1:8787');
    expect(await store.load('http://127.0.0.1:8787')).toBeNull();
    expect(await store.load()).toBeNull(); // it was the last one connected to
    expect(await store.load('http://localhost:9000')).toEqual({ url: 'http://localhost:9000', token: 'other' });
  });

  it('refuses to store anything when encryption is unavailable, and says why', async () => {
    const safe = fakeSafeStorage({ available: false });
    const store = new ConsoleTokenStore(safe, dir);
    const result = await store.save({ url: 'http://127.0.0.1:8787', token: 't' });
    expect(result).toMatchObject({
      stored: 'session',
      reason: expect.stringMatching(/keychain is not available.*session only/),
    });
    expect(safe.encrypted).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses Linux basic_text (a fixed password, not a keychain)', async () => {
    const store = new ConsoleTokenStore(fakeSafeStorage({ backend: 'basic_text' }), dir);
    expect(await store.save({ url: 'http://127.0.0.1:8787', token: 't' })).toMatchObject({
      stored: 'session',
      reason: expect.stringMatching(/libsecret or kwallet/),
    });
    expect(await readdir(dir)).toEqual([]);
    const keyring = new ConsoleTokenStore(fakeSafeStorage({ backend: 'gnome_libsecret' }), dir);
    expect(await keyring.save({ url: 'http://127.0.0.1:8787', token: 't' })).toEqual({ stored: 'keychain' });
  });

  it('does not offer a token sealed under another keychain key, nor trip over a damaged file', async () => {
    await new ConsoleTokenStore(fakeSafeStorage({ key: 1 }), dir).save({ url: 'http://127.0.0.1:8787', token: 't' });
    expect(await new ConsoleTokenStore(fakeSafeStorage({ key: 2 }), dir).load()).toBeNull();

    await writeFile(path.join(dir, TOKEN_FILE_NAME), '{"version":1,"last":"http://127.0.0.1:8787","tok');
    const store = new ConsoleTokenStore(fakeSafeStorage(), dir);
    expect(await store.load()).toBeNull();
    await store.save({ url: 'http://127.0.0.1:8787', token: 'fresh' });
    expect(await store.load()).toEqual({ url: 'http://127.0.0.1:8787', token: 'fresh' });
  });

  it('writes atomically: a failed rename leaves the previous file whole and no temp file behind', async () => {
    const good = new ConsoleTokenStore(fakeSafeStorage(), dir);
    await good.save({ url: 'http://127.0.0.1:8787', token: 'kept' });
    const before = await readFile(path.join(dir, TOKEN_FILE_NAME), 'utf8');
    const failingFs = {
      ...nodeFs,
      rename: async () => Promise.reject(new Error('EIO: disk gone')),
    } as unknown as TokenStoreFs;
    const failing = new ConsoleTokenStore(fakeSafeStorage(), dir, failingFs);
    await expect(failing.save({ url: 'http://127.0.0.1:8787', token: 'lost' })).rejects.toThrow(/EIO/);
    expect(await readFile(path.join(dir, TOKEN_FILE_NAME), 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual([TOKEN_FILE_NAME]);
    expect(await good.load()).toEqual({ url: 'http://127.0.0.1:8787', token: 'kept' });
  });

  it('serialises writes: saves and forgets fired together all land', async () => {
    const store = new ConsoleTokenStore(fakeSafeStorage(), dir);
    const origins = Array.from({ length: 8 }, (_, i) => `http://127.0.0.1:${9000 + i}`);
    await Promise.all([...origins.map((url, i) => store.save({ url, token: `t${i}` })), store.forget(origins[3]!)]);
    const kept = Object.keys(
      (JSON.parse(await readFile(path.join(dir, TOKEN_FILE_NAME), 'utf8')) as { tokens: object }).tokens,
    ).sort();
    expect(kept).toEqual(origins.filter((_, i) => i !== 3));
  });
});
