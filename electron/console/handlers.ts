/**
 * The console's IPC handlers: argument validation (the zod request schemas of ../ipc/validate) in front
 * of the token store and the network allowance, and their registration on ipcMain behind the same
 * sender check as every other channel (only the app's own page may call).
 */
import * as z from 'zod';
import { IpcArgumentError, exactlyOne, parseRequest, requestSchema, stringField } from '../ipc/validate';
import type { IpcMainLike } from '../ipc/register';
import { UntrustedSenderError, isTrustedSenderUrl } from '../ipc/senderCheck';
import { CONSOLE_CHANNELS, type ConsoleDesktopApi } from './contract';
import { serviceOrigin, type NetworkAllowance } from './networkAllowance';
import type { ConsoleTokenStore } from './tokenStore';

const CONSOLE_LIMITS = { maxUrlChars: 2048, maxTokenChars: 4096 } as const;

export type ConsoleHandlers = {
  [K in keyof ConsoleDesktopApi]: (...args: unknown[]) => ReturnType<ConsoleDesktopApi[K]>;
};

/** An http(s) service URL, reduced to its origin; anything else is refused with the reason. */
const url = stringField('url', CONSOLE_LIMITS.maxUrlChars, { nonEmpty: true }).transform((text, ctx) => {
  try {
    return serviceOrigin(text);
  } catch (e) {
    ctx.issues.push({ code: 'custom', message: `"url": ${(e as Error).message}`, input: text });
    return z.NEVER;
  }
});
// a bearer token is one header value: control characters would let it split the header
const token = stringField('token', CONSOLE_LIMITS.maxTokenChars, { nonEmpty: true }).refine(
  (t) => !/[\u0000-\u001f\u007f]/.test(t),
  { error: '"token" contains control characters' },
);
const SAVE_TOKEN = requestSchema({ url, token });
const URL_REQUEST = requestSchema({ url });
const OPTIONAL_URL = requestSchema({ url: url.optional() });
const NULLABLE_URL = requestSchema({ url: url.nullable() });

function nullableUrlArg(channel: string, args: unknown[]): string | null {
  return parseRequest(channel, NULLABLE_URL, exactlyOne(channel, args)).url;
}

export function createConsoleHandlers(deps: { tokens: ConsoleTokenStore; network: NetworkAllowance }): ConsoleHandlers {
  return {
    async saveConsoleToken(...args) {
      return deps.tokens.save(parseRequest('saveConsoleToken', SAVE_TOKEN, exactlyOne('saveConsoleToken', args)));
    },
    async loadConsoleToken(...args) {
      if (args.length > 1)
        throw new IpcArgumentError('loadConsoleToken', `takes at most one argument, got ${args.length}`);
      if (args[0] === undefined) return deps.tokens.load();
      return deps.tokens.load(parseRequest('loadConsoleToken', OPTIONAL_URL, args[0]).url);
    },
    async forgetConsoleToken(...args) {
      await deps.tokens.forget(
        parseRequest('forgetConsoleToken', URL_REQUEST, exactlyOne('forgetConsoleToken', args)).url,
      );
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
export function registerConsoleHandlers(
  ipcMain: IpcMainLike,
  handlers: ConsoleHandlers,
  opts: { devServerUrl?: string } = {},
): () => void {
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
