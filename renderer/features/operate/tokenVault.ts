/**
 * Where the console keeps the service URL and token between connects. The browser build keeps
 * them for this tab's session only (sessionStorage: gone when the tab closes, never IndexedDB or
 * localStorage). The desktop app keeps the token in the OS keychain through the main process
 * (Electron safeStorage, electron/console/tokenStore.ts); when the keychain cannot be used, main
 * refuses and says why, and the token is kept for the session only.
 */
// eslint-disable-next-line no-restricted-imports -- type-only import of the IPC contract (no runtime code crosses)
import type { ConsoleDesktopApi, SavedConsoleToken } from '../../../electron/console/contract';

export type SavedConnection = SavedConsoleToken;

/** Where the token went; `note` is said to the person when it is not the keychain on desktop. */
export interface SaveOutcome {
  where: 'keychain' | 'session';
  note: string | null;
}

const KEY = 'sop-studio:console-connection';

const desktopVault = (): Partial<ConsoleDesktopApi> | null => {
  const d = (globalThis as { desktop?: Partial<ConsoleDesktopApi> }).desktop;
  return d && typeof d.saveConsoleToken === 'function' ? d : null;
};

export async function saveConnection(c: SavedConnection): Promise<SaveOutcome> {
  const vault = desktopVault();
  if (vault?.saveConsoleToken) {
    const result = await vault.saveConsoleToken(c);
    if (result.stored === 'keychain') {
      sessionStorage.removeItem(KEY);
      return { where: 'keychain', note: null };
    }
    sessionStorage.setItem(KEY, JSON.stringify(c));
    return { where: 'session', note: `Token not saved: ${result.reason}.` };
  }
  sessionStorage.setItem(KEY, JSON.stringify(c));
  return { where: 'session', note: null };
}

export async function loadConnection(): Promise<SavedConnection | null> {
  const vault = desktopVault();
  if (vault?.loadConsoleToken) {
    const saved = await vault.loadConsoleToken();
    if (saved) return saved;
  }
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as unknown;
    if (
      raw &&
      typeof raw === 'object' &&
      typeof (raw as SavedConnection).url === 'string' &&
      typeof (raw as SavedConnection).token === 'string'
    )
      return raw as SavedConnection;
  } catch {
    // a damaged entry is simply not offered again
  }
  return null;
}

export async function forgetConnection(url: string): Promise<void> {
  sessionStorage.removeItem(KEY);
  await desktopVault()?.forgetConsoleToken?.({ url });
}

/**
 * Tell the desktop main process which service origin the console talks to (null: none), before the
 * first request: its network filter lets through exactly that origin. No-op in the browser build.
 */
export async function allowServiceOrigin(url: string | null): Promise<void> {
  await desktopVault()?.setConsoleConnection?.({ url });
}
