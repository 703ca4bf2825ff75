/**
 * The CEL editor behind a lazy boundary: Monaco (several MB) is its own chunk, fetched when the
 * first editor mounts (inspector, schema tools, what-if), not with the app's main bundle.
 * Until it arrives the fallback shows the expression in a frame of the editor's one-line height,
 * so the panel does not jump. It has no test id or role: tests wait for the real editor.
 */
import { lazy, Suspense } from 'react';
import type { CelEditorProps } from './CelEditor';
// the frame's look, in the main chunk so the fallback already has it (the CSS is small)
import './CelEditor.css';

const CelEditorImpl = lazy(async () => ({ default: (await import('./CelEditor')).CelEditor }));

/** Line height + padding + border of a one-line CelEditor (CelEditor.tsx's LINE_HEIGHT, PADDING). */
const ONE_LINE_HEIGHT = 19 + 8 + 2;

export function CelEditor(props: CelEditorProps) {
  return (
    <Suspense
      fallback={
        <div className="cel-editor nokey" aria-busy="true">
          <div className="cel-editor__frame" style={{ height: ONE_LINE_HEIGHT }}>
            <div className="cel-editor__loading">{props.value}</div>
          </div>
        </div>
      }
    >
      <CelEditorImpl {...props} />
    </Suspense>
  );
}
