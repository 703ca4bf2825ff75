/**
 * The export gate: what must hold before a graph leaves the studio, and the record each export
 * leaves in the document.
 *
 * - Validation errors (validateGraph) block export. Warnings do not.
 * - Tier raises since the previous export need a sign-off `{ by, at, note }`: any branch whose
 *   branch tier is now less restrictive (diffGraphs' `tiersRaised`), or a wider rollout stage.
 *   The first export compares against an empty graph, so every branch above `human` is signed
 *   off once.
 * - An export is a *release*: a graph whose content changed since the last release gets the next
 *   `version` and a new record in `exports` (kept in the document: unknown fields survive the
 *   schema) with the version, the content hash, the diff from the previous release and the
 *   sign-off. The record keeps a snapshot of the hashed content so the next export (and the
 *   version history) can diff against exactly what was shipped.
 * - Exporting the unchanged graph again, in any format, names the same release: same version,
 *   same hash, no new record (the record only lists the extra format).
 */
import { diffGraphs, isEmptyDiff, type GraphDiff } from '../model/diff';
import { withDefaults } from '../model/defaults';
import type { GraphDoc, Rollout } from '../model/types';
import type { Diagnostic } from '../validation/types';
import { validateGraph } from '../validation/validate';
import { contentHash, hashedContent } from './contentHash';
import type { SignOffEvidence } from './release';

export type ExportFormat = 'xstate' | 'ts' | 'scxml' | 'html';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xstate', 'ts', 'scxml', 'html'];

interface SignOff {
  by: string;
  /** ISO 8601 time of the sign-off. */
  at: string;
  note?: string;
  /** What the signer was shown: the run's figures for each raised branch (see release.ts). */
  evidence?: SignOffEvidence;
}

export interface ExportRecord {
  /** The version this export produced (the document's version after the bump). */
  version: number;
  format: ExportFormat;
  /** Every format this release was exported in, first one first (re-exports add to it). */
  formats?: ExportFormat[];
  /** ISO 8601. */
  at: string;
  /** `sha256:<hex>` over the canonical JSON of the content (see contentHash.ts). */
  contentHash: string;
  /** Diff from the previous export; null for the first one. */
  diff: GraphDiff | null;
  tiersRaised: GraphDiff['tiersRaised'];
  rolloutRaised?: { from: Rollout; to: Rollout };
  /** Present when tiers were raised. */
  signOff?: SignOff;
  /** What was exported (the hashed content), for the next diff. */
  snapshot: Record<string, unknown>;
}

export interface ExportCheck {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  previous: ExportRecord | null;
  /** Diff from the previous export (from an empty graph for the first). */
  diff: GraphDiff;
  tiersRaised: GraphDiff['tiersRaised'];
  rolloutRaised?: { from: Rollout; to: Rollout };
  signOffRequired: boolean;
}

export type ExportCommit =
  /** `reused`: the graph is unchanged since `record`, the release this export names again. */
  | { ok: true; doc: GraphDoc; record: ExportRecord; reused: boolean }
  | { ok: false; blocked: 'invalid'; check: ExportCheck }
  | { ok: false; blocked: 'sign-off'; check: ExportCheck };

/** The export history of a document (oldest first); tolerant of a malformed field. */
export function exportHistory(doc: GraphDoc): ExportRecord[] {
  return Array.isArray(doc.exports)
    ? (doc.exports as ExportRecord[]).filter((r) => r && typeof r === 'object' && typeof r.version === 'number')
    : [];
}

function snapshotDoc(snapshot: Record<string, unknown> | null, fallback: GraphDoc): GraphDoc {
  if (!snapshot)
    return withDefaults({ name: fallback.name, rollout: 'observe', machine: { id: fallback.machine.id, states: {} } });
  return withDefaults(structuredClone(snapshot));
}

/** Everything the gate decides, without changing anything (the Export dialog shows it live). */
export function checkExport(doc: GraphDoc): ExportCheck {
  const diagnostics = validateGraph(doc);
  const history = exportHistory(doc);
  const previous = history.at(-1) ?? null;
  const diff = diffGraphs(snapshotDoc(previous?.snapshot ?? null, doc), doc);
  const rc = diff.meta.rolloutChanged;
  // the empty baseline says "observe"; a first export at a wider stage is a raise to sign off too
  const rolloutRaised = rc?.raised ? { from: rc.from, to: rc.to } : undefined;
  return {
    errors: diagnostics.filter((d) => d.severity === 'error'),
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    previous,
    diff,
    tiersRaised: diff.tiersRaised,
    ...(rolloutRaised ? { rolloutRaised } : {}),
    signOffRequired: diff.tiersRaised.length > 0 || rolloutRaised !== undefined,
  };
}

/**
 * True when the graph is unchanged since its last release: nothing the diff can see changed (a
 * graph reopened from SCXML or XState JSON may spell a target differently: same meaning, other
 * bytes). Exporting it names that release again.
 */
export function isSameRelease(doc: GraphDoc, check: ExportCheck): boolean {
  const previous = check.previous;
  return !!previous && previous.version === doc.version && !!previous.snapshot && isEmptyDiff(check.diff);
}

/**
 * Pass the gate: on success returns the document with `version` bumped and the export recorded
 * (export the artifact from THAT document, so it carries the new version). Pure apart from the
 * hash; `now` is injectable for tests.
 */
export async function commitExport(
  doc: GraphDoc,
  opts: { format: ExportFormat; signOff?: { by: string; note?: string; evidence?: SignOffEvidence }; now?: Date },
): Promise<ExportCommit> {
  const check = checkExport(doc);
  if (check.errors.length > 0) return { ok: false, blocked: 'invalid', check };
  const hash = await contentHash(doc);
  const history = exportHistory(doc);
  const previous = check.previous;
  if (previous && previous.version === doc.version && (previous.contentHash === hash || isSameRelease(doc, check)))
    return reuseRelease(doc, history, opts.format);
  const by = opts.signOff?.by?.trim();
  if (check.signOffRequired && !by) return { ok: false, blocked: 'sign-off', check };
  const at = (opts.now ?? new Date()).toISOString();
  const next: GraphDoc = { ...doc, version: (Number.isInteger(doc.version) ? doc.version : 0) + 1 };
  const note = opts.signOff?.note?.trim();
  const record: ExportRecord = {
    version: next.version,
    format: opts.format,
    formats: [opts.format],
    at,
    contentHash: hash,
    diff: check.previous ? check.diff : null,
    tiersRaised: check.tiersRaised,
    ...(check.rolloutRaised ? { rolloutRaised: check.rolloutRaised } : {}),
    ...(check.signOffRequired && by
      ? {
          signOff: {
            by,
            at,
            ...(note ? { note } : {}),
            ...(opts.signOff?.evidence ? { evidence: opts.signOff.evidence } : {}),
          },
        }
      : {}),
    snapshot: structuredClone(hashedContent(next)),
  };
  next.exports = [...history, record];
  return { ok: true, doc: next, record, reused: false };
}

/** The same release again: version and hash stay; the record notes the extra format. */
function reuseRelease(doc: GraphDoc, history: ExportRecord[], format: ExportFormat): ExportCommit {
  const last = history.at(-1)!;
  const formats = last.formats ?? [last.format];
  if (formats.includes(format)) return { ok: true, doc, record: last, reused: true };
  const record: ExportRecord = { ...last, formats: [...formats, format] };
  return { ok: true, doc: { ...doc, exports: [...history.slice(0, -1), record] }, record, reused: true };
}
