/**
 * Diagnostics: what validation says about a graph document. Every diagnostic names a JSON path
 * into the document; those about one state or one transition also carry its key / id so the
 * designer can select it (transitionId is FlatTransition.id from flattenMachine).
 */
import type { JsonPath } from '../model/types';
import type { ValidationContext } from './context';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Rule code, e.g. "unknown-target" (one rule per file in rules/). */
  code: string;
  severity: Severity;
  message: string;
  path: JsonPath;
  stateKey?: string;
  transitionId?: string;
  /** 0-based character offset inside a CEL expression (cel-syntax / cel-type). */
  exprOffset?: number;
}

/** One validation rule: a code and a pure check over the prepared context. */
export interface Rule {
  code: string;
  /** What the rule checks, one line (for docs and the CLI help). */
  summary: string;
  check(ctx: ValidationContext): Diagnostic[];
}
