/**
 * Where a diagnostic points, in words ("branch triage → refund", "tool issueRefund"), and what
 * clicking it should reveal. Pure, so it is tested without the UI.
 */
import type { FlatGraph } from '../../../shared/model/flatten';
import type { Diagnostic } from '../../../shared/validation/types';

export type Reveal =
  | { kind: 'state'; key: string }
  | { kind: 'transition'; id: string }
  | { kind: 'section'; section: 'schema' | 'tools' | 'agents'; name?: string }
  | { kind: 'graph' };

/** What selecting this diagnostic should show. */
export function revealOf(d: Diagnostic, flat: FlatGraph): Reveal {
  if (d.transitionId && flat.transitions.some((t) => t.id === d.transitionId))
    return { kind: 'transition', id: d.transitionId };
  if (d.stateKey && flat.states.has(d.stateKey)) return { kind: 'state', key: d.stateKey };
  const [head, name] = d.path;
  if (head === 'caseSchema')
    return { kind: 'section', section: 'schema', ...(typeof name === 'string' ? { name } : {}) };
  if (head === 'tools' || head === 'agents')
    return { kind: 'section', section: head, ...(typeof name === 'string' ? { name } : {}) };
  return { kind: 'graph' };
}

/** A short human location for the row. */
export function locationOf(d: Diagnostic, flat: FlatGraph): string {
  const r = revealOf(d, flat);
  switch (r.kind) {
    case 'transition': {
      const t = flat.transitions.find((x) => x.id === r.id)!;
      const to = t.targets[0] ?? t.unresolved[0] ?? '(no target)';
      return `branch ${t.source} → ${to}${t.event ? ` on ${t.event}` : ''}`;
    }
    case 'state':
      return `state ${r.key}`;
    case 'section':
      return r.name
        ? `${r.section === 'schema' ? 'field' : r.section.slice(0, -1)} ${r.name}`
        : r.section === 'schema'
          ? 'case schema'
          : r.section;
    default:
      return d.path.length ? d.path.join('.') : 'document';
  }
}

export const SEVERITIES: Diagnostic['severity'][] = ['error', 'warning', 'info'];

/** Diagnostics grouped by severity, each group in the validator's order. */
export function groupBySeverity(
  list: readonly Diagnostic[],
): Array<{ severity: Diagnostic['severity']; items: Diagnostic[] }> {
  return SEVERITIES.map((severity) => ({ severity, items: list.filter((d) => d.severity === severity) })).filter(
    (g) => g.items.length > 0,
  );
}
