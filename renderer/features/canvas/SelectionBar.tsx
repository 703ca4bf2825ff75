/**
 * Context actions for the selection, floating over the canvas: rename/initial/final/child/delete
 * for a state; event, tier, order (up/down) and delete for a branch. Full editing is the inspector's.
 */
import { useState } from 'react';
import { plural } from '../../ui/plural';
import {
  addState,
  renameState,
  setEvent,
  setFinal,
  setInitial,
  setTier,
  uniqueStateName,
} from '../../../shared/model/edits';
import { flattenMachine } from '../../../shared/model/flatten';
import type { Tier } from '../../../shared/model/types';
import { runCommand } from '../../app/commands';
import { useEditor, type EditorState } from '../../app/store';
import { GROUP_HEADER, GROUP_PAD } from './derive';
import { TIER_CHOICES, TIER_LOOK } from './tiers';
import { TierIcon } from '../../ui/icons';

const selectSelection = (s: EditorState) => s.selection;
const selectMachine = (s: EditorState) => s.doc.machine;

/** A text field that commits on Enter or blur and reverts on Escape. */
function CommitField(props: {
  value: string;
  placeholder?: string;
  testId: string;
  label: string;
  onCommit(v: string): string | null;
}) {
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  // the value changed from outside (undo, another selection): show it, adjusted during render
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(props.value);
  }
  const commit = () => {
    if (text === props.value) return;
    setError(props.onCommit(text));
  };
  return (
    <label className="bar-field nokey">
      <span className="bar-field__label">{props.label}</span>
      <input
        data-testid={props.testId}
        value={text}
        placeholder={props.placeholder}
        aria-invalid={!!error}
        title={error ?? undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(props.value);
        }}
      />
      {error && <span className="bar-field__error">{error}</span>}
    </label>
  );
}

export function SelectionBar() {
  const selection = useEditor(selectSelection);
  const machine = useEditor(selectMachine);
  if (!selection) return null;
  const { edit, select } = useEditor.getState();
  const flat = flattenMachine(machine);

  if (selection.kind === 'multi') {
    return (
      <div className="selection-bar" data-testid="selection-bar">
        <span className="bar-title">{plural(selection.keys.length, 'state')}</span>
        <button onClick={() => runCommand('edit.copy')}>Copy</button>
        <button className="danger" onClick={() => runCommand('edit.delete')}>
          Delete
        </button>
      </div>
    );
  }

  if (selection.kind === 'state') {
    const s = flat.states.get(selection.key);
    if (!s) return null;
    const isInitial = (s.parent ? flat.states.get(s.parent)?.initial : flat.initial) === s.key;
    const final = s.type === 'final';
    return (
      <div className="selection-bar" data-testid="selection-bar">
        <CommitField
          label="State"
          testId="rename-state"
          value={s.name}
          onCommit={(name) => {
            try {
              edit('Rename state', (d) => renameState(d, s.key, name.trim()));
              select({ kind: 'state', key: s.parent ? `${s.parent}.${name.trim()}` : name.trim() });
              return null;
            } catch (e) {
              return (e as Error).message;
            }
          }}
        />
        <button
          disabled={isInitial}
          onClick={() => edit('Set initial state', (d) => setInitial(d, s.key))}
          title="Cases start here"
        >
          ▶ Initial
        </button>
        <button
          aria-pressed={final}
          data-testid="toggle-final"
          onClick={() => edit(final ? 'Unmark final' : 'Mark final', (d) => setFinal(d, s.key, !final))}
        >
          ◉ Final
        </button>
        {!final && (
          <button
            title="Add a child state (makes this a compound state)"
            onClick={() => {
              const name = uniqueStateName(useEditor.getState().doc, s.key, 'step');
              const n = s.children.length;
              edit('Add child state', (d) =>
                addState(d, {
                  parent: s.key,
                  name,
                  position: { x: GROUP_PAD + (n % 3) * 250, y: GROUP_HEADER + 12 + Math.floor(n / 3) * 120 },
                }),
              );
              select({ kind: 'state', key: `${s.key}.${name}` });
            }}
          >
            + Child
          </button>
        )}
        <button className="danger" data-testid="delete-selection" onClick={() => runCommand('edit.delete')}>
          Delete
        </button>
      </div>
    );
  }

  const t = flat.transitions.find((x) => x.id === selection.id);
  if (!t) return null;
  const list = flat.outgoing.get(t.source) ?? [];
  const canUp = list[t.order - 1]?.kind === t.kind;
  const canDown = list[t.order + 1]?.kind === t.kind;
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <span className="bar-title" title={t.id}>
        {t.source} → {t.targets.join(', ') || '(no target)'}
      </span>
      {t.kind !== 'after' && (
        <CommitField
          label="Event"
          testId="branch-event"
          placeholder="always"
          value={t.event ?? ''}
          onCommit={(v) => {
            const ev = v.trim() === '' || v.trim() === 'always' ? null : v.trim();
            if (ev !== null && !/^[\w.*-]+$/.test(ev)) return 'Events are letters, digits, _ . - or *';
            edit('Change event', (d) => setEvent(d, t.id, ev));
            const out = flattenMachine(useEditor.getState().doc.machine).outgoing.get(t.source) ?? [];
            const moved = out.find((x) => x.event === ev && x.targets.join() === t.targets.join());
            if (moved) select({ kind: 'transition', id: moved.id });
            return null;
          }}
        />
      )}
      <div className="segmented" role="radiogroup" aria-label="Tier">
        {TIER_CHOICES.map((tier: Tier) => (
          <button
            key={tier}
            role="radio"
            aria-checked={t.tier === tier}
            data-testid={`tier-${tier}`}
            className={`tier-option tier-${tier}`}
            title={TIER_LOOK[tier].title}
            onClick={() => edit(`Set tier ${tier}`, (d) => setTier(d, t.id, t.tier === tier ? undefined : tier))}
          >
            <TierIcon tier={tier} /> {TIER_LOOK[tier].label}
          </button>
        ))}
      </div>
      <button
        disabled={!canUp}
        data-testid="branch-up"
        title="Earlier: checked before the branches below (Alt+↑)"
        onClick={() => runCommand('canvas.branchUp')}
      >
        ↑
      </button>
      <button
        disabled={!canDown}
        data-testid="branch-down"
        title="Later (Alt+↓)"
        onClick={() => runCommand('canvas.branchDown')}
      >
        ↓
      </button>
      <button className="danger" data-testid="delete-selection" onClick={() => runCommand('edit.delete')}>
        Delete
      </button>
    </div>
  );
}
