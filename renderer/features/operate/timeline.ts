/**
 * A case's flight recorder: its audit records (what the agent, the runner and people did, with
 * the guardrails that fired) merged in time order with the console actions that concern it or no
 * case in particular (kill switches, drain) — who, what, when, which guardrail.
 */
import type { AuditRecord, ConsoleAction } from './types';

export interface TimelineRow {
  at: string;
  who: string;
  what: string;
  /** The guardrails, limits or switches that lowered the tier or stopped a call. */
  guardrails: string[];
  source: 'audit' | 'console';
  tone: 'good' | 'warn' | 'bad' | 'neutral';
}

/** Reason kinds that count as a guardrail firing (the same list as the service's figures). */
const TRIP_KINDS = ['guardrail', 'limit', 'kill-switch', 'rate-limit', 'batch-cap', 'breaker-open', 'deadline'];

function describe(r: AuditRecord): { what: string; tone: TimelineRow['tone'] } {
  const to = r.target ? ` → ${r.target.activity}` : '';
  const tool = r.tool ? ` ${r.tool}` : '';
  switch (r.decision) {
    case 'start':
      return { what: `case started at ${r.goal}`, tone: 'neutral' };
    case 'route':
      return { what: `took ${r.goal}${to} on its own`, tone: 'good' };
    case 'call': {
      const ok = (r.result as { ok?: boolean } | null)?.ok !== false;
      return { what: `called${tool}${ok ? '' : ' (failed)'}${to}`, tone: ok ? 'good' : 'bad' };
    }
    case 'suggest':
      return { what: `suggested${to}${tool ? `, calling${tool}` : ''}: waits for approval`, tone: 'warn' };
    case 'handoff':
      return { what: `handed ${r.goal} to a person`, tone: 'warn' };
    case 'undo':
      return {
        what: `undo call${tool}${(r.result as { ok?: boolean } | null)?.ok === false ? ' failed' : ''}`,
        tone: 'bad',
      };
    case 'undo-impossible':
      return { what: `cannot undo${tool}`, tone: 'bad' };
    default:
      return { what: `${r.decision}${tool}${to}`, tone: r.decision === 'reject' ? 'bad' : 'neutral' };
  }
}

const CONSOLE_WORDS: Record<string, string> = {
  killSwitch: 'kill switch',
  drain: 'drain',
  rollback: 'rollback',
  approve: 'approve',
  reject: 'reject',
  editAndApprove: 'edit and approve',
  decide: 'decide',
  rollout: 'rollout stage',
  startCase: 'start case',
  sendEvent: 'send event',
  approvalTimeout: 'approval timeout',
};

function consoleWhat(a: ConsoleAction): string {
  const body = (a.detail.body ?? {}) as Record<string, unknown>;
  // keys sorted: the database keeps JSON objects in its own key order, not the request's
  const args = Object.entries(body)
    .filter(([k]) => k !== 'attributes')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const refused = a.status >= 400 ? ` — refused (${a.status})` : '';
  return `action: ${CONSOLE_WORDS[a.action] ?? a.action}${args ? ` ${args}` : ''}${refused}`;
}

/** A fired guardrail in words: which switch, which condition, which limit. */
function guardrailText(x: { kind: string; [k: string]: unknown }): string {
  const detail =
    x.kind === 'kill-switch'
      ? x.target
      : x.kind === 'guardrail'
        ? x.when
        : x.kind === 'limit'
          ? `${String(x.tool)}: ${String(x.limit)}`
          : null;
  return typeof detail === 'string' && detail ? `${x.kind} (${detail})` : x.kind;
}

export function buildTimeline(records: AuditRecord[], actions: ConsoleAction[]): TimelineRow[] {
  const rows: TimelineRow[] = records.map((r) => {
    const d = describe(r);
    return {
      at: r.ts,
      who: r.actor,
      what: d.what,
      guardrails: r.reasons.filter((x) => TRIP_KINDS.includes(x.kind)).map(guardrailText),
      source: 'audit',
      tone: d.tone,
    };
  });
  for (const a of actions)
    rows.push({
      at: a.at,
      who: a.role ? `${a.role}:${a.actor}` : a.actor,
      what: consoleWhat(a),
      guardrails: [],
      source: 'console',
      tone: a.status >= 400 ? 'bad' : 'neutral',
    });
  // stable: records of one case keep their chain order when two share a millisecond
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Date.parse(a.r.at) - Date.parse(b.r.at) || a.i - b.i)
    .map((x) => x.r);
}
