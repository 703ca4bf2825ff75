/**
 * The typed IPC contract between the renderer and the Electron main process.
 * Type-only: no runtime imports (the renderer and shared code may import it freely).
 */
import type { ConsoleDesktopApi } from '../console/contract';
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  electron: string;
}
export interface OpenedFile {
  path: string;
  name: string;
  contents: string;
}
export type MenuCommand =
  | 'file.new'
  | 'file.open'
  | 'file.save'
  | 'file.saveAs'
  | 'file.importMachine'
  | 'edit.undo'
  | 'edit.redo'
  | 'edit.copy'
  | 'edit.paste'
  | 'edit.delete'
  | 'edit.selectAll'
  | 'view.fitView'
  | 'view.autoLayout'
  | 'view.toggleCode'
  | 'view.find'
  | 'help.shortcuts';
export interface DesktopApi extends ConsoleDesktopApi {
  getAppInfo(): Promise<AppInfo>;
  openGraphFile(): Promise<OpenedFile | null>; // native open dialog, .sop.json/.json
  saveGraphFile(req: { path?: string; suggestedName: string; contents: string }): Promise<{ path: string } | null>; // atomic: temp file + fsync + rename; dialog when no path
  openLogFile(): Promise<{ path: string; name: string; size: number } | null>;
  readLogChunk(req: { path: string; offset: number; length: number }): Promise<Uint8Array>; // only paths the user picked via openLogFile
  exportFile(req: {
    suggestedName: string;
    contents: string;
    filters?: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ path: string } | null>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
export type IpcHandlers = {
  [K in Exclude<keyof DesktopApi, 'onMenuCommand' | keyof ConsoleDesktopApi>]: DesktopApi[K];
}; // derive channels from this (console channels: ../console)
declare global {
  interface Window {
    desktop?: DesktopApi;
  }
}
