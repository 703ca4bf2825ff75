/**
 * Wires the raw handlers to Electron's ipcMain: one `handle` channel per handler, each call first
 * checks that the sending frame is the app's own page. `ipcMain` is passed in (type-only import),
 * so this is testable with a fake.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { HANDLERS, channelOf } from './channels';
import type { RawHandlers } from './handlers';
import { UntrustedSenderError, isTrustedSenderUrl } from './senderCheck';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Register every handler; returns a function that removes them again. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: RawHandlers,
  opts: { devServerUrl?: string } = {},
): () => void {
  for (const name of HANDLERS) {
    const channel = channelOf(name);
    const handler = handlers[name] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(channel, (event, ...args) => {
      // senderFrame is null when the frame navigated away or was destroyed: refuse too.
      const url = event.senderFrame?.url;
      if (!isTrustedSenderUrl(url, opts.devServerUrl)) throw new UntrustedSenderError(name, url);
      return handler(...args);
    });
  }
  return () => {
    for (const name of HANDLERS) ipcMain.removeHandler(channelOf(name));
  };
}
