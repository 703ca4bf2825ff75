/** A version diff as a readable list: states and branches added, removed, changed; tiers and guards. */
import type { GraphDiff } from '../../../shared/model/diff';
import { isEmptyDiff } from '../../../shared/model/diff';

function branchName(id: string): string {
  // identity key "source|kind|event->targets" → "source —event→ targets"
  const [head, targets] = id.split('->');
  const [source, kind, event] = (head ?? '').split('|');
  return `${source} —${kind === 'always' ? 'always' : event}→ ${targets ?? ''}`;
}

export function DiffList({ diff }: { diff: GraphDiff }) {
  if (isEmptyDiff(diff)) return <div className="muted">No differences.</div>;
  const rows: Array<{ sign: '+' | '−' | '~'; text: string; detail?: string }> = [];
  for (const k of diff.states.added) rows.push({ sign: '+', text: `state ${k}` });
  for (const k of diff.states.removed) rows.push({ sign: '−', text: `state ${k}` });
  for (const c of diff.states.changed) rows.push({ sign: '~', text: `state ${c.key}`, detail: c.fields.join(', ') });
  for (const k of diff.transitions.added) rows.push({ sign: '+', text: branchName(k) });
  for (const k of diff.transitions.removed) rows.push({ sign: '−', text: branchName(k) });
  for (const c of diff.transitions.changed) {
    const parts: string[] = [];
    if (c.tierChanged) parts.push(`tier ${c.tierChanged.from ?? '(default)'} → ${c.tierChanged.to ?? '(default)'}`);
    if (c.guardChanged) parts.push(`guard ${c.guardChanged.from ?? '(none)'} → ${c.guardChanged.to ?? '(none)'}`);
    if (c.targetChanged) parts.push('target');
    if (c.otherChanged?.length) parts.push(c.otherChanged.join(', '));
    rows.push({ sign: '~', text: branchName(c.id), detail: parts.join('; ') });
  }
  const meta = diff.meta;
  if (meta.nameChanged)
    rows.push({ sign: '~', text: 'name', detail: `${meta.nameChanged.from} → ${meta.nameChanged.to}` });
  if (meta.rolloutChanged)
    rows.push({ sign: '~', text: 'rollout', detail: `${meta.rolloutChanged.from} → ${meta.rolloutChanged.to}` });
  for (const t of meta.toolsChanged) rows.push({ sign: '~', text: `tool ${t}` });
  for (const a of meta.agentsChanged) rows.push({ sign: '~', text: `agent ${a}` });
  for (const f of meta.caseSchemaChanged) rows.push({ sign: '~', text: `case field ${f}` });
  return (
    <ul className="diff-list" data-testid="diff-list">
      {rows.map((r, i) => (
        <li key={i} className={`diff-row sign-${r.sign === '+' ? 'add' : r.sign === '−' ? 'remove' : 'change'}`}>
          <span className="diff-sign">{r.sign}</span>
          <span>
            {r.text}
            {r.detail && <span className="diff-detail"> — {r.detail}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
