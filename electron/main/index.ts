/**
 * Electron main process entry: registers the app:// scheme, the IPC handlers and the menu, then
 * opens the window. Logic lives in small modules beside this one and in ../ipc (tested in Node).
 */
import { app, BrowserWindow, Menu, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import path from 'node:path';
import { createConsoleHandlers, registerConsoleHandlers } from '../console/handlers';
import { NetworkAllowance, installNetworkFilter } from '../console/networkAllowance';
import { ConsoleTokenStore } from '../console/tokenStore';
import { MENU_COMMAND_CHANNEL } from '../ipc/channels';
import type { MenuCommand } from '../ipc/contract';
import { createHandlers, type Dialogs } from '../ipc/handlers';
import { registerIpcHandlers } from '../ipc/register';
import { APP_SCHEME } from '../ipc/senderCheck';
import { APP_INDEX_URL, serveAppRequest } from './appProtocol';
import { buildMenuTemplate } from './menu';
import { createMainWindow, lockDownContents, restrictPermissions } from './window';

// Must run before `ready`: standard + secure gives app:// a real origin, fetch and module workers.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const devServerUrl: string | undefined = MAIN_WINDOW_VITE_DEV_SERVER_URL || undefined;
const rendererRoot = path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}`);

function focusedWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

/** Native dialogs, attached to the focused window as sheets/modals. */
const dialogs: Dialogs = {
  showOpenDialog: (options) => {
    const win = focusedWindow();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  },
  showSaveDialog: (options) => {
    const win = focusedWindow();
    return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
  },
};

function dispatchMenuCommand(command: MenuCommand): void {
  focusedWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

void app.whenReady().then(() => {
  restrictPermissions(session.defaultSession, devServerUrl);
  protocol.handle(APP_SCHEME, async (request) => {
    const res = await serveAppRequest(request.url, rendererRoot);
    return new Response(res.body as ConstructorParameters<typeof Response>[0], {
      status: res.status,
      headers: res.headers,
    });
  });
  registerIpcHandlers(
    ipcMain,
    createHandlers({
      dialogs,
      appInfo: () => ({
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        electron: process.versions.electron ?? 'unknown',
      }),
    }),
    { devServerUrl },
  );
  // nothing leaves the app until the person connects the console; then exactly that origin
  const network = new NetworkAllowance({ devServerUrl });
  installNetworkFilter(session.defaultSession, network);
  registerConsoleHandlers(
    ipcMain,
    createConsoleHandlers({ tokens: new ConsoleTokenStore(safeStorage, app.getPath('userData')), network }),
    { devServerUrl },
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(dispatchMenuCommand, {
        appName: app.getName(),
        platform: process.platform,
        dev: !app.isPackaged,
      }),
    ),
  );
  const start = devServerUrl ?? APP_INDEX_URL;
  createMainWindow(start);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(start);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
