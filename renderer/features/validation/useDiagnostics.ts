/**
 * Live diagnostics for the open document. Placeholder until validateGraph is wired.
 */
import type { JsonPath } from '../../../shared/model/types';

/** Same shape as shared/validation/types.ts Diagnostic (switch to the import once it lands). */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  path: JsonPath;
  stateKey?: string;
  transitionId?: string;
}

/** Diagnostics for the current document (status bar counts, validation panel). */
export function useDiagnostics(): Diagnostic[] {
  return [];
}
