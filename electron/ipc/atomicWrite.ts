/**
 * Atomic file replacement: write a temp file in the same directory, fsync it, rename it over the
 * target, then fsync the directory. A crash or kill at any point leaves either the old file or the
 * new one, never a truncated mix (rename is atomic within one file system).
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The slice of node:fs/promises used here, injectable for tests. */
export interface AtomicFs {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  unlink: typeof nodeFs.unlink;
}

function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeFileAtomic(
  target: string,
  contents: string | Uint8Array,
  fs: AtomicFs = nodeFs,
): Promise<void> {
  const tmp = tempPathFor(target);
  let renamed = false;
  try {
    const handle = await fs.open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
    renamed = true;
    await syncDirectory(path.dirname(target), fs);
  } finally {
    if (!renamed) await fs.unlink(tmp).catch(() => undefined);
  }
}

/** Persist the rename itself. Not supported on every platform (Windows): best effort. */
async function syncDirectory(dir: string, fs: AtomicFs): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // directories cannot be opened/fsynced on some platforms; the rename is still atomic
  }
}
