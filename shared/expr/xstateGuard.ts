/**
 * The `cel` guard for XState's `setup({ guards: { cel } })`: guards in a graph are parameterized
 * guards `{ type: "cel", params: { expr } }`, so one implementation serves the designer,
 * simulator, exporters and runner. Compiles once per expression (the environment caches) and
 * holds only when the expression evaluates to exactly true; compile or runtime errors → false,
 * reported through `onError` when given (replay counts them as guard errors).
 */
import { CelEnvironment, guardHolds, toCelVars } from './cel';
import type { AttrValue, CaseField } from '../model/types';

export interface CelGuardOptions<TContext> {
  /** The CEL variables for a context; default: `context.case` (or the context itself) through toCelVars. */
  varsOf?: (context: TContext) => Record<string, unknown>;
  onError?: (expr: string, message: string) => void;
}

/** An XState guard implementation: `({ context }, params) => boolean`. */
export type CelGuardFn<TContext> = (args: { context: TContext }, params: { expr: string }) => boolean;

/** Build the one `cel` guard for a caseSchema (or an existing environment). */
export function createCelGuard<TContext = Record<string, unknown>>(
  schemaOrEnv: Record<string, CaseField> | CelEnvironment,
  options: CelGuardOptions<TContext> = {},
): CelGuardFn<TContext> {
  const env = schemaOrEnv instanceof CelEnvironment ? schemaOrEnv : new CelEnvironment(schemaOrEnv);
  const varsOf =
    options.varsOf ??
    ((context: TContext) => {
      const c = context as { case?: unknown } | undefined;
      const attrs = (c && typeof c.case === 'object' && c.case !== null ? c.case : (context ?? {})) as Record<
        string,
        AttrValue
      >;
      return toCelVars(attrs, env.schema);
    });
  return ({ context }, params) => {
    const expr = params?.expr;
    if (typeof expr !== 'string') {
      options.onError?.(String(expr), 'a cel guard needs params.expr');
      return false;
    }
    const compiled = env.compile(expr);
    if (!compiled.ok) {
      options.onError?.(expr, compiled.error.message);
      return false;
    }
    const result = guardHolds(compiled.compiled, varsOf(context));
    if (result.error !== undefined) options.onError?.(expr, result.error);
    return result.holds;
  };
}
