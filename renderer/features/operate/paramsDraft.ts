/**
 * The tool params an approver edits before approving (edit-and-approve). What the service accepts
 * (service/routes.ts `editAndApprove`): `params` is a JSON object; it sets `caseId` itself, so an
 * edited `caseId` would be silently replaced — the editor refuses it instead of pretending.
 */
const MAX_PARAMS_CHARS = 64 * 1024;

export type ParamsDraft = { ok: true; params: Record<string, unknown> } | { ok: false; message: string };

/** The draft's params as the editor shows them first: the agent's params without `caseId`. */
export function paramsText(params: unknown): string {
  const shown: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    for (const [k, v] of Object.entries(params)) if (k !== 'caseId') shown[k] = v;
  }
  return JSON.stringify(shown, null, 2);
}

export function parseParamsDraft(text: string): ParamsDraft {
  if (text.length > MAX_PARAMS_CHARS)
    return { ok: false, message: `Params are longer than ${MAX_PARAMS_CHARS} characters.` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      message: `Params must be a JSON object like {"amount": 40}, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
    };
  }
  if (Object.prototype.hasOwnProperty.call(value, 'caseId'))
    return { ok: false, message: 'caseId is set by the service (the case being decided); remove it.' };
  return { ok: true, params: value as Record<string, unknown> };
}
