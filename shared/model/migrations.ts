/**
 * Format migrations, in one place. A document names its format as `sop-studio/graph@<n>`; each
 * migration lifts a document from one version to the next, so a document of any older version
 * reaches the current one by a chain. Only graph@1 exists today, so the list is empty; the
 * mechanism is tested with a fake chain (migrations.test.ts).
 */
import { GRAPH_FORMAT } from './types';

const FORMAT_PREFIX = 'sop-studio/graph@';
export const CURRENT_FORMAT_VERSION = 1;

/** Lifts a document from `from` to `from + 1`. Must not mutate its input. */
export interface Migration {
  from: number;
  describe: string;
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

/** Registered migrations, oldest first. Add one entry per format bump. */
export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  { ok: true; doc: Record<string, unknown>; migrated: boolean; applied: string[] } | { ok: false; message: string };

/** The version number in a format string, or null when it is not a SOP Studio graph format. */
export function formatVersion(format: unknown): number | null {
  if (typeof format !== 'string' || !format.startsWith(FORMAT_PREFIX)) return null;
  const n = Number(format.slice(FORMAT_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Bring a document to the current format. A document without `format` is taken as current
 * (defaults fill it in later). Unknown or newer formats are refused with a readable message.
 */
export function migrateDocument(
  doc: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = CURRENT_FORMAT_VERSION,
): MigrationResult {
  if (doc.format === undefined) return { ok: true, doc, migrated: false, applied: [] };
  const version = formatVersion(doc.format);
  if (version === null)
    return {
      ok: false,
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- echo whatever the file holds, objects included, in the message
      message: `format "${String(doc.format)}" is not a SOP Studio graph (expected "${GRAPH_FORMAT}")`,
    };
  if (version > current)
    return {
      ok: false,
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- same as above
      message: `format "${String(doc.format)}" is newer than this app supports (${FORMAT_PREFIX}${current}); update SOP Studio`,
    };
  let out = doc;
  const applied: string[] = [];
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, message: `no migration from ${FORMAT_PREFIX}${v} to ${FORMAT_PREFIX}${v + 1}` };
    out = { ...step.migrate(out), format: `${FORMAT_PREFIX}${v + 1}` };
    applied.push(step.describe);
  }
  return { ok: true, doc: out, migrated: applied.length > 0, applied };
}
