/** A ResponseStore on disk for the model agent: one file per request hash under a folder. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResponseStore } from '../../shared/agents/model';

export function fileResponseStore(dir: string): ResponseStore {
  let made: Promise<unknown> | null = null;
  // keys are sha256 hex digests; anything else is refused rather than used as a path
  const path = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('cache key must be a sha256 hex digest');
    return join(dir, `${key}.json`);
  };
  return {
    async get(key) {
      try {
        return await readFile(path(key), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async set(key, value) {
      made ??= mkdir(dir, { recursive: true });
      await made;
      await writeFile(path(key), value);
    },
  };
}
