/**
 * Shared by cel-syntax and cel-type: compile every CEL expression in the document once and
 * sort the failures by kind. Positions are reported as 1-based columns in the message and as a
 * 0-based exprOffset for editors.
 */
import type { CelError } from '../../expr/cel';
import type { CelSite, ValidationContext } from '../context';
import type { Diagnostic } from '../types';

export function celDiagnostics(
  ctx: ValidationContext,
  code: 'cel-syntax' | 'cel-type',
  kinds: Array<CelError['kind'] | 'not-a-string'>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of ctx.celSites) {
    const error = siteError(ctx, site);
    if (!error || !kinds.includes(error.kind)) continue;
    const at = error.offset !== undefined ? ` (at column ${error.offset + 1})` : '';
    out.push({
      code,
      severity: 'error',
      message: `CEL ${error.kind === 'type' ? 'type error' : error.kind === 'limit' ? 'expression refused' : 'syntax error'} in ${site.label}${at}: ${error.message}`,
      path: site.path,
      ...(site.stateKey !== undefined ? { stateKey: site.stateKey } : {}),
      ...(site.transitionId !== undefined ? { transitionId: site.transitionId } : {}),
      ...(error.offset !== undefined ? { exprOffset: error.offset } : {}),
    });
  }
  return out;
}

function siteError(
  ctx: ValidationContext,
  site: CelSite,
): (Omit<CelError, 'kind'> & { kind: CelError['kind'] | 'not-a-string' }) | null {
  // A missing or non-string expression is a schema problem (invalid-document reports it).
  if (typeof site.expr !== 'string') return null;
  const result = ctx.compile(site.expr);
  return result.ok ? null : result.error;
}
