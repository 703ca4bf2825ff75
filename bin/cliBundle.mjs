// Is the esbuild bundle of the CLI (dist/cli, `npm run build:cli`) there and built from the
// sources as they are now? Every bundled source must have the size recorded in dist/cli/stamp.json
// and, when its mtime moved (an edit, a checkout, npm pack's fixed dates), the same sha256. A
// source edited since the build makes the bundle stale, so a developer's change is never hidden
// behind an old build; bin/sop-studio.mjs then runs the sources through tsx. Plain JS: it runs
// before any TypeScript loader.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The bundle's entry file, or null when it is absent or stale (the reason in `why`). */
export function freshBundle(root, why = {}) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'stamp.json'), 'utf8'));
  } catch {
    why.reason = 'no bundle (npm run build:cli)';
    return null;
  }
  for (const [file, rec] of Object.entries(stamp.inputs ?? {})) {
    let st;
    try {
      st = statSync(join(root, file));
    } catch {
      // not shipped (an installed package has no service/ sources; the bundle carries them), or
      // deleted — which only drops it from the build through an edit to its importer, caught here
      continue;
    }
    if (st.size !== rec.size) {
      why.reason = `${file} changed`;
      return null;
    }
    if (st.mtimeMs === rec.mtimeMs) continue;
    if (
      createHash('sha256')
        .update(readFileSync(join(root, file)))
        .digest('hex') !== rec.sha256
    ) {
      why.reason = `${file} changed`;
      return null;
    }
  }
  return join(root, 'dist', 'cli', 'main.js');
}
