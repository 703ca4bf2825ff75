/**
 * The renderer's only door to the desktop: `window.desktop` (Electron preload, typed by
 * electron/ipc/contract.ts) with browser fallbacks — open through a hidden file input, save
 * through a download. Features call these functions, never `window.desktop` directly.
 */
// eslint-disable-next-line no-restricted-imports -- type-only import of the IPC contract (no runtime code crosses)
import type { MenuCommand } from '../../electron/ipc/contract';
import { GRAPH_ACCEPT } from '../features/files/openDocument';

export interface PickedFile {
  /** Absolute path under Electron; null in the browser. */
  path: string | null;
  name: string;
  contents: string;
}

/** True inside the Electron app (the preload exposed its API). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.desktop !== undefined;
}

/** The hidden input the browser fallback uses; e2e tests set files on it (data-testid). */
function fileInput(accept: string): HTMLInputElement {
  let input = document.querySelector<HTMLInputElement>('input[data-testid="open-file-input"]');
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.dataset.testid = 'open-file-input';
    input.style.display = 'none';
    document.body.appendChild(input);
  }
  input.accept = accept;
  input.value = '';
  return input;
}

/** Read a File as text (both the picker and drag-and-drop use it). */
export async function readPicked(file: File): Promise<PickedFile> {
  return { path: null, name: file.name, contents: await file.text() };
}

let pendingPick: ((file: PickedFile | null) => void) | null = null;

/**
 * Let the user pick a graph file. Browser: the hidden input's change event resolves the promise;
 * a listener installed once also handles files set programmatically (tests) without a click.
 */
export async function openGraphFile(): Promise<PickedFile | null> {
  if (window.desktop) return window.desktop.openGraphFile();
  const input = fileInput(GRAPH_ACCEPT);
  return new Promise((resolve) => {
    pendingPick = resolve;
    input.click();
  });
}

/**
 * Install the browser picker's change handler. Files chosen when no open request is pending
 * (a test setting files directly) go to `onUnrequested`.
 */
export function installFilePicker(onUnrequested: (file: PickedFile) => void): () => void {
  const input = fileInput(GRAPH_ACCEPT);
  const onChange = async () => {
    const file = input.files?.[0];
    const resolve = pendingPick;
    pendingPick = null;
    if (!file) {
      resolve?.(null);
      return;
    }
    const picked = await readPicked(file);
    if (resolve) resolve(picked);
    else onUnrequested(picked);
  };
  const listener = () => void onChange();
  input.addEventListener('change', listener);
  return () => input.removeEventListener('change', listener);
}

/** Save text to a file: Electron's atomic write (dialog when no path), or a browser download. */
export async function saveTextFile(req: {
  path?: string | null;
  suggestedName: string;
  contents: string;
}): Promise<{ path: string | null } | null> {
  if (window.desktop)
    return window.desktop.saveGraphFile({
      path: req.path ?? undefined,
      suggestedName: req.suggestedName,
      contents: req.contents,
    });
  download(req.suggestedName, req.contents, 'application/json');
  return { path: null };
}

/** Browser download of a text blob. */
export function download(name: string, contents: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Subscribe to the native menu (Electron only); a no-op in the browser. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.desktop ? window.desktop.onMenuCommand(listener) : () => {};
}
