/**
 * The preload: one small named API on `window.desktop`, typed by the contract. It exposes no
 * ipcRenderer and no generic `invoke`: each function calls its own fixed channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopApi, MenuCommand } from '../ipc/contract';
import { MENU_COMMAND_CHANNEL, channelOf, isMenuCommand } from '../ipc/channels';
import { CONSOLE_CHANNELS } from '../console/contract';

const api = {
  getAppInfo: () => ipcRenderer.invoke(channelOf('getAppInfo')),
  openGraphFile: () => ipcRenderer.invoke(channelOf('openGraphFile')),
  saveGraphFile: (req) => ipcRenderer.invoke(channelOf('saveGraphFile'), req),
  openLogFile: () => ipcRenderer.invoke(channelOf('openLogFile')),
  readLogChunk: (req) => ipcRenderer.invoke(channelOf('readLogChunk'), req),
  exportFile: (req) => ipcRenderer.invoke(channelOf('exportFile'), req),
  saveConsoleToken: (req) => ipcRenderer.invoke(CONSOLE_CHANNELS.saveConsoleToken, req),
  loadConsoleToken: (req) => ipcRenderer.invoke(CONSOLE_CHANNELS.loadConsoleToken, ...(req === undefined ? [] : [req])),
  forgetConsoleToken: (req) => ipcRenderer.invoke(CONSOLE_CHANNELS.forgetConsoleToken, req),
  setConsoleConnection: (req) => ipcRenderer.invoke(CONSOLE_CHANNELS.setConsoleConnection, req),
  setModelEndpoint: (req) => ipcRenderer.invoke(CONSOLE_CHANNELS.setModelEndpoint, req),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, handler);
    };
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', api);
