/**
 * Drop a graph file (a .sop.json, an exported XState machine JSON, SCXML) anywhere on the app to
 * open it as a project. Drop zones of their own (the event-log import) call preventDefault, so a
 * log dropped there never opens as a graph: this listener sits on the window and only takes
 * drops nobody handled.
 */
import { useEffect } from 'react';
import { readPicked, type PickedFile } from '../../app/desktop';

export function useGraphDrop(onFile: (file: PickedFile) => void): void {
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const onDragOver = (e: DragEvent) => {
      if (hasFiles(e) && !e.defaultPrevented) e.preventDefault(); // allows the drop
    };
    const onDrop = (e: DragEvent) => {
      if (e.defaultPrevented || !hasFiles(e)) return;
      e.preventDefault(); // never let the browser navigate to the file
      const file = e.dataTransfer?.files[0];
      if (file) void readPicked(file).then(onFile);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFile]);
}
