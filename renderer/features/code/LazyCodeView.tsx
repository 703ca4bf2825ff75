/**
 * The code view behind a lazy boundary: Monaco is fetched when the Code tab first opens, not with
 * the app's main bundle. The fallback fills the panel body (no test id: tests wait for the editor).
 */
import { lazy, Suspense } from 'react';
import './code.css';

const CodeViewImpl = lazy(async () => ({ default: (await import('./CodeView')).CodeView }));

export function CodeView() {
  return (
    <Suspense fallback={<div className="code-view code-view--loading" aria-busy="true" />}>
      <CodeViewImpl />
    </Suspense>
  );
}
