/**
 * The console's IPC handlers: argument validation (the ArgReader style of ../ipc/validate) in front
 * of the token store and the network allowance, and their registration on ipcMain behind the same
 * sender check as every other channel (only the app's own page may call).
 */
import { ArgReader, IpcArgumentError, exactlyOne } from '../ipc/validate';
import type { IpcMainLike } from '../ipc/register';
import { UntrustedSenderError, isTrustedSenderUrl } from '../ipc/senderCheck';
import { CONSOLE_CHANNELS, type ConsoleDesktopApi } from './contract';
import { serviceOrigin, type NetworkAllowance } from './networkAllowance';
import type { ConsoleTokenStore } from './tokenStore';

const CONSOLE_LIMITS = { maxUrlChars: 2048, maxTokenChars: 4096 } as const;

export type ConsoleHandlers = { [K in keyof ConsoleDesktopApi]: (...args: unknown[]) => ReturnType<ConsoleDesktopApi[K]> };

/** An http(s) service URL, reduced to its origin; anything else is refused with the reason. */
function urlArg(channel: string, r: ArgReader, key = 'url'): string {
  const text = r.requiredString(key, CONSOLE_LIMITS.maxUrlChars, true);
  try {
    return serviceOrigin(text);
  } catch (e) {
    throw new IpcArgumentError(channel, `"${key}": ${(e as Error).message}`);
  }
}

function nullableUrlArg(channel: string, args: unknown[]): string | null {
  const r = new ArgReader(channel, exactlyOne(channel, args), ['url']);
  return r.raw('url') === null ? null : urlArg(channel, r);
}

export function createConsoleHandlers(deps: { tokens: ConsoleTokenStore; network: NetworkAllowance }): ConsoleHandlers {
  return {
    async saveConsoleToken(...args) {
      const r = new ArgReader('saveConsoleToken', exactlyOne('saveConsoleToken', args), ['url', 'token']);
      const url = urlArg('saveConsoleToken', r);
      const token = r.requiredString('token', CONSOLE_LIMITS.maxTokenChars, true);
      // a bearer token is one header value: control characters would let it split the header
      if (/[\u0000-\u001f\u007f]/.test(token)) throw new IpcArgumentError('saveConsoleToken', '"token" contains control characters');
      return deps.tokens.save({ url, token });
    },
    async loadConsoleToken(...args) {
      if (args.length > 1) throw new IpcArgumentError('loadConsoleToken', `takes at most one argument, got ${args.length}`);
      if (args[0] === undefined) return deps.tokens.load();
      const r = new ArgReader('loadConsoleToken', args[0], ['url']);
      return deps.tokens.load(r.raw('url') === undefined ? undefined : urlArg('loadConsoleToken', r));
    },
    async forgetConsoleToken(...args) {
      const r = new ArgReader('forgetConsoleToken', exactlyOne('forgetConsoleToken', args), ['url']);
      await deps.tokens.forget(urlArg('forgetConsoleToken', r));
    },
    async setConsoleConnection(...args) {
      deps.network.setConsoleOrigin(nullableUrlArg('setConsoleConnection', args));
    },
    async setModelEndpoint(...args) {
      deps.network.setModelOrigin(nullableUrlArg('setModelEndpoint', args));
    },
  };
}

/** Register the console channels; returns a function that removes them again. */
export function registerConsoleHandlers(ipcMain: IpcMainLike, handlers: ConsoleHandlers, opts: { devServerUrl?: string } = {}): () => void {
  const names = Object.keys(CONSOLE_CHANNELS) as Array<keyof ConsoleDesktopApi>;
  for (const name of names) {
    const handler = handlers[name] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(CONSOLE_CHANNELS[name], (event, ...args) => {
      const url = event.senderFrame?.url;
      if (!isTrustedSenderUrl(url, opts.devServerUrl)) throw new UntrustedSenderError(name, url);
      return handler(...args);
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(CONSOLE_CHANNELS[name]);
  };
}
