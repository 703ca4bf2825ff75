/**
 * The analyst's data: imported datasets (cases stored in chunks) and replay runs. A SEPARATE Dexie
 * database from the designer's 'sop-studio' so a multi-gigabyte event log never slows down or
 * endangers the graph documents, and can be dropped wholesale.
 *
 * Opened from the main thread and from Web Workers alike (Dexie works in both): the import worker
 * writes chunks, the replay worker reads them, the UI reads only the small rows.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AttributeInfo } from '../data/attributeProfile';
import type { ColumnMapping, ImportSummary } from '../../../shared/import/types';
import type { RecordedCase } from '../../../shared/model/types';

const DATA_DB_NAME = 'sop-studio-data';

/** Cases per stored chunk: big enough for few IndexedDB round trips, small enough to stream. */
export const CASES_PER_CHUNK = 2000;

export type DatasetFormat = 'csv' | 'jsonl' | 'xes';

/** Which CSV column plays which role (saved per dataset so a re-import uses the same choice). */
export type { ColumnMapping };

/** Summary figures of a dataset, computed while importing (never by re-reading the chunks). */
export interface DatasetStats {
  cases: number;
  events: number;
  activities: Record<string, number>;
  variants: number;
  /** Most common variants: activities joined by ' → ', with their case counts. */
  topVariants: Array<{ variant: string[]; cases: number }>;
  firstTimestamp: number | null;
  lastTimestamp: number | null;
  /** Case and event attributes with inferred type, coverage and samples (datasets imported before it lack it). */
  attributes?: AttributeInfo[];
}

export interface DatasetRow {
  id: string;
  name: string;
  fileName: string;
  format: DatasetFormat;
  gzip: boolean;
  mapping?: ColumnMapping;
  status: 'importing' | 'ready' | 'failed' | 'cancelled';
  error?: string;
  createdAt: number;
  chunkCount: number;
  stats?: DatasetStats;
  /** What the import skipped (first ten rows listed), assumed (time zone, date order) and counted (lifecycle). */
  importSummary?: ImportSummary;
  /** How the log was read, as chosen in the import step (classifier, date order, time zone, skip). */
  readChoices?: { classifier?: string; dateOrder?: 'dmy' | 'mdy'; timeZone?: string; skipInvalid?: boolean };
  /** Import wall time (ms), and the part of it the parser spent waiting for IndexedDB writes. */
  importMs?: number;
  writeMs?: number;
  /** Of which encoding chunks (JSON) and computing the dataset figures. */
  encodeMs?: number;
  statsMs?: number;
}

/**
 * A chunk of cases, stored as ONE JSON string rather than as objects: IndexedDB structured-clones
 * every object and repeated key separately, which made writing the chunks ~75% of a browser import
 * (54 of 74 s for 1M events); a string is copied in one piece. Dates inside attributes are kept as
 * {"$date": ms} (see encodeCases).
 */
export interface CaseChunkRow {
  datasetId: string;
  index: number;
  cases: number;
  json: string;
}

const DATE_KEY = '$date';

function holdsDate(v: unknown): boolean {
  if (v instanceof Date) return true;
  if (Array.isArray(v)) return v.some(holdsDate);
  if (v && typeof v === 'object') return Object.values(v).some(holdsDate);
  return false;
}

/** Encode cases for a chunk row; the Date-preserving replacer runs only when a Date is present. */
export function encodeCases(cases: RecordedCase[]): string {
  const dated = cases.some(
    (c) => holdsDate(c.attributes) || c.events.some((e) => e.attributes !== undefined && holdsDate(e.attributes)),
  );
  if (!dated) return JSON.stringify(cases);
  return JSON.stringify(cases, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_KEY]: raw.getTime() } : value;
  });
}

/** Decode a chunk row's cases (Dates restored). */
export function decodeCases(json: string): RecordedCase[] {
  if (!json.includes(`"${DATE_KEY}":`)) return JSON.parse(json) as RecordedCase[];
  return JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE_KEY) return new Date((value as Record<string, number>)[DATE_KEY]!);
    }
    return value;
  }) as RecordedCase[];
}

/** A chunk row for `cases`. */
export function chunkRow(datasetId: string, index: number, cases: RecordedCase[]): CaseChunkRow {
  return { datasetId, index, cases: cases.length, json: encodeCases(cases) };
}

/** Per-case outcome flags, for the case explorer's filter. */
export const CASE_FLAG = { overridden: 1, autoError: 2, deviated: 4, abstained: 8 } as const;
export type CaseFlagName = keyof typeof CASE_FLAG;

/** Where a case lives (chunk + position) and what happened to it: enough to re-replay it alone. */
export interface CaseOutcome {
  caseId: string;
  chunk: number;
  pos: number;
  flags: number;
}

export interface RunRow {
  id: string;
  datasetId: string;
  datasetName: string;
  /** The project (graph) the run belongs to: it is shown only while that project is open. */
  projectId: string | null;
  graphName: string;
  graphVersion: number;
  /**
   * Content hash of the graph replayed (shared/export/contentHash). A run is current only while
   * the open graph has this hash; null for runs stored before runs recorded it (unknown version,
   * so treated as out of date).
   */
  graphHash: string | null;
  /** The graph replayed, frozen, so a run stays explainable after the graph is edited. */
  graph: unknown;
  rollout: string;
  createdAt: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  error?: string;
  /** SimulationResult from shared/replay (kept structurally; see runs/engine.ts). */
  result?: unknown;
  /** Cases with at least one flag, capped (MAX_FLAGGED_CASES); counts are in the result. */
  flagged?: CaseOutcome[];
  flaggedTotal?: number;
  /**
   * Names of the case attributes seen in the data (capped at MAX_CASE_FIELDS): what a what-if
   * condition may read when the graph declares no caseSchema to type-check it against.
   */
  caseFields?: string[];
  ms?: number;
}

/**
 * An agent comparison over a run's dataset (issue #12), saved with the run so it is shown again
 * when the run is reopened: which policies with which settings (a model policy's settings WITHOUT
 * its key — the key never reaches IndexedDB), the side-by-side figures, and each learned agent's
 * trained model so it can be inspected and re-applied without retraining.
 */
export interface AgentRunRow {
  id: string;
  runId: string;
  datasetId: string;
  createdAt: number;
  /** Policies as chosen (see agents/agentSpecs.ts), in the comparison's order. */
  policies: unknown[];
  /** Owner's target error rate and minimum agent choices the earned tiers were judged by; train share. */
  options: { threshold: number; minCases: number; trainShare: number };
  /** AgentComparison from shared/agents (kept structurally). */
  comparison: unknown;
  /** Policy name → LearnedModelJSON, for every learned policy of the comparison. */
  learnedModels: Record<string, unknown>;
  /** Stopped before every decision was obtained: by the call/token budget or by cancel. */
  partial: { reason: 'budget' | 'cancelled' | 'failures' } | null;
  ms: number;
}

/** A model endpoint's answer, keyed by endpoint + sha256 of the request body (the key is not in it). */
export interface ModelResponseRow {
  key: string;
  text: string;
  createdAt: number;
}

export const MAX_FLAGGED_CASES = 20_000;
export const MAX_CASE_FIELDS = 1000;

export class DataDb extends Dexie {
  datasets!: EntityTable<DatasetRow, 'id'>;
  caseChunks!: Table<CaseChunkRow, [string, number]>;
  runs!: EntityTable<RunRow, 'id'>;
  agentRuns!: EntityTable<AgentRunRow, 'id'>;
  modelResponses!: EntityTable<ModelResponseRow, 'key'>;

  constructor(name = DATA_DB_NAME) {
    super(name);
    this.version(1).stores({
      datasets: 'id, createdAt',
      caseChunks: '[datasetId+index], datasetId',
      runs: 'id, datasetId, createdAt',
    });
    // v2: runs record the graph's content hash and are looked up by project; older runs get an
    // explicit null hash (unknown version) so every reader treats them as out of date.
    this.version(2)
      .stores({ runs: 'id, datasetId, createdAt, projectId' })
      .upgrade((tx) =>
        tx
          .table('runs')
          .toCollection()
          .modify((run: Partial<RunRow>) => {
            if (typeof run.graphHash !== 'string') run.graphHash = null;
          }),
      );
    // v3: agent comparisons saved with their run, and the model agent's response cache. Both are
    // new tables (nothing to convert); runs and datasets are kept as they are.
    this.version(3).stores({ agentRuns: 'id, runId, datasetId, createdAt', modelResponses: 'key' });
  }
}

let shared: DataDb | null = null;

/** The one connection of this JS realm (main thread or a worker). */
export function dataDb(): DataDb {
  shared ??= new DataDb();
  return shared;
}

/** Delete a dataset with its chunks and runs. */
export async function deleteDataset(db: DataDb, id: string): Promise<void> {
  await db.transaction('rw', [db.datasets, db.caseChunks, db.runs, db.agentRuns], async () => {
    await db.agentRuns.where('datasetId').equals(id).delete();
    await db.caseChunks.where('datasetId').equals(id).delete();
    await db.runs.where('datasetId').equals(id).delete();
    await db.datasets.delete(id);
  });
}

/** Stream a dataset's cases chunk by chunk (one chunk in memory at a time). */
export async function* readDatasetCases(
  db: DataDb,
  datasetId: string,
  chunkCount: number,
): AsyncGenerator<{ chunk: number; cases: RecordedCase[] }> {
  for (let index = 0; index < chunkCount; index++) {
    const row = await db.caseChunks.get([datasetId, index]);
    if (!row) throw new Error(`dataset ${datasetId}: chunk ${index} is missing`);
    yield { chunk: index, cases: decodeCases(row.json) };
  }
}

/** Load one case by its stored location. */
export async function loadCase(
  db: DataDb,
  datasetId: string,
  chunk: number,
  pos: number,
): Promise<RecordedCase | undefined> {
  const row = await db.caseChunks.get([datasetId, chunk]);
  return row ? decodeCases(row.json)[pos] : undefined;
}

/** A short random id (crypto.randomUUID exists in workers and pages on localhost/https). */
export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
