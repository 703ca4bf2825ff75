/**
 * The console token, kept per service origin in one file in the app's userData folder, each token
 * encrypted with Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet). The
 * file holds only ciphertext; it is replaced atomically (temp + fsync + rename) so a crash never
 * leaves half a file. When safeStorage cannot encrypt — or on Linux falls back to its hard-coded
 * "basic_text" password, which is no keychain at all — nothing is written and the caller is told
 * why, so the renderer keeps the token for the session only and says so.
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, type AtomicFs } from '../ipc/atomicWrite';
import type { SaveTokenResult, SavedConsoleToken } from './contract';

/** The slice of Electron's safeStorage used here (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means a fixed password, not the keychain. */
  getSelectedStorageBackend?(): string;
}

export interface TokenStoreFs extends AtomicFs {
  readFile: (p: string, enc: 'utf8') => Promise<string>;
  mkdir: (p: string, opts: { recursive: true }) => Promise<unknown>;
}

export const TOKEN_FILE_NAME = 'console-tokens.json';

interface TokenFile {
  version: 1;
  /** The origin connected to last: offered again when the Connect form opens. */
  last: string | null;
  /** origin → base64 safeStorage ciphertext. */
  tokens: Map<string, string>;
}

/** The origin a token belongs to; the service URL is compared by origin only. */
function originOf(url: string): string {
  return new URL(url).origin;
}

export class ConsoleTokenStore {
  private readonly file: string;
  private readonly fs: TokenStoreFs;
  /** One write at a time: a save racing a forget must not lose either. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safeStorage: SafeStorageLike,
    userDataDir: string,
    fs: TokenStoreFs = nodeFs,
  ) {
    this.file = path.join(userDataDir, TOKEN_FILE_NAME);
    this.fs = fs;
  }

  /** Why the keychain cannot be used, or null when it can. */
  keychainProblem(): string | null {
    if (!this.safeStorage.isEncryptionAvailable())
      return 'the OS keychain is not available to SOP Studio, so the token is kept for this session only';
    if (this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'no keychain (libsecret or kwallet) was found, so the token is kept for this session only rather than written with a fixed password';
    }
    return null;
  }

  save(entry: SavedConsoleToken): Promise<SaveTokenResult> {
    return this.serial(async () => {
      const problem = this.keychainProblem();
      if (problem) return { stored: 'session', reason: problem };
      const origin = originOf(entry.url);
      const data = await this.read();
      data.tokens.set(origin, this.safeStorage.encryptString(entry.token).toString('base64'));
      data.last = origin;
      await this.write(data);
      return { stored: 'keychain' };
    });
  }

  async load(url?: string): Promise<SavedConsoleToken | null> {
    await this.queue;
    if (!this.safeStorage.isEncryptionAvailable()) return null;
    const data = await this.read();
    const origin = url === undefined ? data.last : originOf(url);
    const sealed = origin === null ? undefined : data.tokens.get(origin);
    if (origin === null || sealed === undefined) return null;
    try {
      return { url: origin, token: this.safeStorage.decryptString(Buffer.from(sealed, 'base64')) };
    } catch {
      // sealed under another keychain entry (profile moved, keychain reset): not recoverable, not offered
      return null;
    }
  }

  forget(url: string): Promise<void> {
    return this.serial(async () => {
      const origin = originOf(url);
      const data = await this.read();
      if (!data.tokens.delete(origin) && data.last !== origin) return;
      if (data.last === origin) data.last = null;
      await this.write(data);
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A missing or damaged file reads as empty (a damaged one is replaced on the next save). */
  private async read(): Promise<TokenFile> {
    const empty: TokenFile = { version: 1, last: null, tokens: new Map() };
    let text: string;
    try {
      text = await this.fs.readFile(this.file, 'utf8');
    } catch {
      return empty;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return empty;
    }
    if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) return empty;
    const { last, tokens } = raw as { last?: unknown; tokens?: unknown };
    const out: TokenFile = { version: 1, last: typeof last === 'string' ? last : null, tokens: new Map() };
    if (typeof tokens === 'object' && tokens !== null && !Array.isArray(tokens)) {
      for (const [origin, sealed] of Object.entries(tokens))
        if (typeof sealed === 'string') out.tokens.set(origin, sealed);
    }
    return out;
  }

  private async write(data: TokenFile): Promise<void> {
    await this.fs.mkdir(path.dirname(this.file), { recursive: true });
    const tokens: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [origin, sealed] of data.tokens) tokens[origin] = sealed;
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, last: data.last, tokens }, null, 2)}\n`, this.fs);
  }
}
