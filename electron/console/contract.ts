/**
 * The operations console's part of the renderer ↔ main contract: the token kept in the OS keychain
 * (Electron safeStorage) per service origin, and the network allowance (which origin the app may
 * talk to). Type-only apart from the channel names; no electron import, so preload and Node tests
 * share it.
 */
export interface SavedConsoleToken {
  /** The service origin, e.g. `http://127.0.0.1:8787`. */
  url: string;
  token: string;
}

/** Where a token ended up. `session` carries the reason it was not put in the keychain, for the person. */
export type SaveTokenResult = { stored: 'keychain' } | { stored: 'session'; reason: string };

export interface ConsoleDesktopApi {
  /** Encrypt with safeStorage and keep it in userData; refused (stored: 'session') when encryption is unavailable. */
  saveConsoleToken(req: SavedConsoleToken): Promise<SaveTokenResult>;
  /** The token kept for this origin, or (no url) for the origin connected to last. */
  loadConsoleToken(req?: { url?: string }): Promise<SavedConsoleToken | null>;
  forgetConsoleToken(req: { url: string }): Promise<void>;
  /**
   * Tell main which service origin the person connected to (null: disconnected). Main's request
   * filter then lets through exactly that origin (plus the model agent's endpoint) and nothing else.
   */
  setConsoleConnection(req: { url: string | null }): Promise<void>;
  /** The model agent's endpoint origin the person configured (null: none). */
  setModelEndpoint(req: { url: string | null }): Promise<void>;
}

export const CONSOLE_CHANNELS = {
  saveConsoleToken: 'console:saveToken',
  loadConsoleToken: 'console:loadToken',
  forgetConsoleToken: 'console:forgetToken',
  setConsoleConnection: 'console:setConnection',
  setModelEndpoint: 'console:setModelEndpoint',
} as const satisfies Record<keyof ConsoleDesktopApi, string>;
