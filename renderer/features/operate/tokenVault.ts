/**
 * Where the console keeps the service URL and token between connects. The browser build keeps
 * them for this tab's session only (sessionStorage: gone when the tab closes, never IndexedDB or
 * localStorage). The desktop app keeps the token in the OS keychain through the main process
 * (Electron safeStorage), when its preload offers that.
 */
export interface SavedConnection {
  url: string;
  token: string;
}

const KEY = 'sop-studio:console-connection';

interface DesktopVault {
  saveConsoleToken?(req: { url: string; token: string }): Promise<boolean>;
  loadConsoleToken?(): Promise<SavedConnection | null>;
  forgetConsoleToken?(): Promise<void>;
}

const desktopVault = (): DesktopVault | null => {
  const d = (globalThis as { desktop?: DesktopVault }).desktop;
  return d && typeof d.saveConsoleToken === 'function' ? d : null;
};

export async function saveConnection(c: SavedConnection): Promise<void> {
  const vault = desktopVault();
  if (vault?.saveConsoleToken && (await vault.saveConsoleToken(c))) return;
  sessionStorage.setItem(KEY, JSON.stringify(c));
}

export async function loadConnection(): Promise<SavedConnection | null> {
  const vault = desktopVault();
  if (vault?.loadConsoleToken) {
    const saved = await vault.loadConsoleToken();
    if (saved) return saved;
  }
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as unknown;
    if (raw && typeof raw === 'object' && typeof (raw as SavedConnection).url === 'string' && typeof (raw as SavedConnection).token === 'string') return raw as SavedConnection;
  } catch {
    // a damaged entry is simply not offered again
  }
  return null;
}

export async function forgetConnection(): Promise<void> {
  sessionStorage.removeItem(KEY);
  await desktopVault()?.forgetConsoleToken?.();
}
