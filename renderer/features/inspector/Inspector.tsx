/**
 * The right pane: properties of the selection (state, branch, several states, or the graph when
 * nothing is selected), and tabs for the graph's case schema, tools and agents.
 *
 * The pane is `.nokey`: keys typed here (Backspace, Space, arrows) never reach the canvas's
 * shortcuts, and the shell's command handler treats it as a typing area.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { plural } from '../../ui/plural';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { AgentsEditor } from '../schema/AgentsEditor';
import { CaseSchemaEditor } from '../schema/CaseSchemaEditor';
import { ToolsEditor } from '../schema/ToolsEditor';
import type { Reveal } from '../validation/diagnosticLocation';
import { REVEAL_EVENT } from '../validation/reveal';
import { GraphInspector } from './GraphInspector';
import { StateInspector } from './StateInspector';
import { TransitionInspector } from './TransitionInspector';
import './inspector.css';

type Tab = 'properties' | 'schema' | 'tools' | 'agents';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'properties', label: 'Properties' },
  { id: 'schema', label: 'Case schema' },
  { id: 'tools', label: 'Tools' },
  { id: 'agents', label: 'Agents' },
];

export function Inspector() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const [tab, setTab] = useState<Tab>('properties');
  const [lastSelection, setLastSelection] = useState(selection);
  // a new selection brings its properties forward (adjusting state during render, not in an effect)
  if (selection !== lastSelection) {
    setLastSelection(selection);
    if (selection) setTab('properties');
  }
  // a diagnostic about a case field, tool or agent opens that editor
  useEffect(() => {
    const onReveal = (e: Event) => {
      const r = (e as CustomEvent<Reveal>).detail;
      if (r.kind === 'section') setTab(r.section);
      else setTab('properties');
    };
    window.addEventListener(REVEAL_EVENT, onReveal);
    return () => window.removeEventListener(REVEAL_EVENT, onReveal);
  }, []);
  const flat = useMemo(() => flattenMachine(doc.machine), [doc.machine]);

  let body: ReactNode;
  if (tab === 'schema') body = <CaseSchemaEditor />;
  else if (tab === 'tools') body = <ToolsEditor />;
  else if (tab === 'agents') body = <AgentsEditor />;
  else if (selection?.kind === 'state' && flat.states.has(selection.key)) {
    body = <StateInspector key={selection.key} s={flat.states.get(selection.key)!} flat={flat} doc={doc} />;
  } else if (selection?.kind === 'transition' && flat.transitions.some((t) => t.id === selection.id)) {
    body = (
      <TransitionInspector
        key={selection.id}
        t={flat.transitions.find((t) => t.id === selection.id)!}
        flat={flat}
        doc={doc}
      />
    );
  } else if (selection?.kind === 'multi') {
    body = (
      <div className="insp-body">
        <div className="insp-title">
          <span className="insp-kicker">Selection</span>
          <h2>{plural(selection.keys.length, 'state')}</h2>
        </div>
        <ul className="insp-multi">
          {selection.keys.map((k) => (
            <li key={k}>
              <button
                type="button"
                className="insp-link"
                onClick={() => useEditor.getState().select({ kind: 'state', key: k })}
              >
                {flat.states.get(k)?.activity ?? k}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  } else body = <GraphInspector doc={doc} flat={flat} />;

  return (
    <div className="inspector nokey" aria-label="Inspector" data-testid="inspector">
      <div className="insp-tabs" role="tablist" aria-label="Inspector sections">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`insp-tab${tab === t.id ? ' is-active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="insp-scroll">{body}</div>
    </div>
  );
}
