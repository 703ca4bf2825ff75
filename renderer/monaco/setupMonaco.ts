/**
 * Monaco from the LOCAL monaco-editor package (never a CDN), wired for Vite workers.
 *
 * Import this module (for its side effects) before rendering any `@monaco-editor/react` editor.
 * Only the core editor, its standard features, JSON and our own CEL language are bundled: the
 * TypeScript/CSS/HTML language services would add ~10 MB the app never uses.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import * as json from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { registerCelLanguage } from './celLanguage';

// Monaco 0.57 spawns language workers itself via new URL(..., import.meta.url), but the core
// editorWorkerService worker is not bundled that way ("Failed to load worker script" otherwise).
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

loader.config({ monaco });
registerCelLanguage(monaco);

export { monaco, json };
