/**
 * Renderer entry: styles, boot (reopen the last project from IndexedDB: crash recovery), autosave,
 * then the shell.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAutosave } from './app/autosave';
import { boot } from './app/projects';
import { Shell } from './app/Shell';
import './ui/theme.css';
import './styles.css';

async function main() {
  const root = createRoot(document.getElementById('root')!);
  try {
    await boot();
  } catch (e) {
    console.error('could not open the last project', e);
  }
  startAutosave();
  root.render(
    <StrictMode>
      <Shell />
    </StrictMode>,
  );
}

void main();
