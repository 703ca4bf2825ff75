/** Resolves a header row and a mapping into column indices: the CSV reader's per-row plan. */
import type { ColumnMapping, ImportSummary } from '../types';
import { ImportError } from '../types';
import { forbiddenName } from '../dictionaries';
import { recogniseColumns } from './mapping';

export interface RowPlan {
  width: number;
  caseId: number;
  activity: number;
  /** -1 when the log has no such column. */
  timestamp: number;
  resource: number;
  lifecycle: number;
  startTimestamp: number;
  /** Event attribute columns and their names. */
  eventCols: number[];
  eventNames: string[];
  /** `case:` columns (prefix stripped: `case:creator` → `creator`), case-level attributes. */
  caseCols: number[];
  caseNames: string[];
}

const ROLE_NAMES: Record<string, string> = {
  caseId: 'case id',
  activity: 'activity',
  timestamp: 'timestamp',
  resource: 'resource',
  lifecycle: 'lifecycle',
  startTimestamp: 'start timestamp',
};

export function planColumns(rawHeaders: string[], mapping: ColumnMapping | undefined, summary: ImportSummary): RowPlan {
  const headers = rawHeaders.map((h) => h.trim());
  checkHeaders(headers);
  const chosen: Partial<ColumnMapping> = mapping ?? recogniseColumns(headers);
  const indexOf = (role: keyof typeof ROLE_NAMES, required: boolean): number => {
    const name = chosen[role as keyof ColumnMapping] as string | undefined;
    if (name === undefined || name === '') {
      if (!required) return -1;
      throw new ImportError(
        `line 1: no ${ROLE_NAMES[role]} column: ${mapping ? 'the mapping names none' : 'none of the recognised names is in the header'} (header: ${headers.join(', ')}); map the columns explicitly`,
        { line: 1 },
      );
    }
    const i = headers.indexOf(name);
    if (i < 0) {
      throw new ImportError(
        `line 1: column "${name}" (mapped as ${ROLE_NAMES[role]}) is not in the header: ${headers.join(', ')}`,
        { line: 1 },
      );
    }
    return i;
  };
  const plan: RowPlan = {
    width: headers.length,
    caseId: indexOf('caseId', true),
    activity: indexOf('activity', true),
    timestamp: indexOf('timestamp', false),
    resource: indexOf('resource', false),
    lifecycle: indexOf('lifecycle', false),
    startTimestamp: indexOf('startTimestamp', false),
    eventCols: [],
    eventNames: [],
    caseCols: [],
    caseNames: [],
  };
  const ignored = new Set(mapping?.ignore ?? []);
  const roles = new Set([plan.caseId, plan.activity, plan.timestamp, plan.resource, plan.startTimestamp]);
  const unnamed: number[] = [];
  headers.forEach((name, i) => {
    if (roles.has(i) || ignored.has(name)) return;
    if (name === '') return void unnamed.push(i + 1);
    if (name.startsWith('case:')) {
      plan.caseCols.push(i);
      plan.caseNames.push(name.slice(5));
    } else {
      plan.eventCols.push(i);
      // lifecycle travels as an event attribute under its XES name, whatever the column is called
      plan.eventNames.push(i === plan.lifecycle ? 'lifecycle:transition' : name);
    }
  });
  if (unnamed.length)
    summary.warnings.push(`column ${unnamed.join(', ')} has no header name and was ignored (e.g. a pandas index)`);
  return plan;
}

/** Duplicate or reserved header names are errors: the last column must not win silently. */
function checkHeaders(headers: string[]): void {
  const seen = new Map<string, number>();
  headers.forEach((name, i) => {
    const reserved = forbiddenName(name.startsWith('case:') ? name.slice(5) : name, 'column');
    if (reserved) throw new ImportError(`line 1: ${reserved}`, { line: 1 });
    if (name === '') return;
    const first = seen.get(name);
    if (first !== undefined)
      throw new ImportError(
        `line 1: columns ${first + 1} and ${i + 1} are both named "${name}"; rename one, so neither value is lost`,
        { line: 1 },
      );
    seen.set(name, i);
  });
}
