/**
 * The frame the three dictionary editors share: a card per entry with its name (renamed on
 * commit, references follow) and a remove button, plus an "add" button.
 */
import type { ReactNode } from 'react';
import type { GraphDoc } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { CommitInput, Field } from '../inspector/fields';
import { addEntry, removeEntry, renameEntry, type Section } from './schemaEdits';

export interface EntryListProps<T> {
  section: Section;
  entries: Record<string, T>;
  noun: string;
  empty: string;
  newEntry: T;
  newName: string;
  renderBody(name: string, entry: T): ReactNode;
  /** One-line summary next to the name. */
  summary?(entry: T): string;
  /** One or two sentences above the list: what these entries are for. */
  intro: string;
}

export function EntryList<T>({
  section,
  entries,
  noun,
  empty,
  newEntry,
  newName,
  renderBody,
  summary,
  intro,
}: EntryListProps<T>) {
  const edit = useEditor((s) => s.edit);
  const names = Object.keys(entries);
  return (
    <div className="schema-list" data-testid={`schema-${section}`}>
      <p className="schema-intro">{intro}</p>
      {names.length === 0 ? <p className="insp-empty">{empty}</p> : null}
      {names.map((name) => (
        <details className="insp-card schema-entry" key={name} open={names.length <= 4}>
          <summary className="schema-entry__summary">
            <span className="schema-entry__name">{name}</span>
            {summary ? <span className="schema-entry__meta">{summary(entries[name]!)}</span> : null}
            <button
              type="button"
              className="insp-icon-button schema-entry__remove"
              aria-label={`Remove ${noun} ${name}`}
              title={`Remove ${noun}`}
              onClick={(e) => {
                e.preventDefault(); // a button inside <summary> would also toggle the card
                edit(`Remove ${noun} ${name}`, (d) => removeEntry(d, section, name));
              }}
            >
              ×
            </button>
          </summary>
          <div className="schema-entry__body">
            <Field label="Name">
              <CommitInput
                value={name}
                label={`${noun} name`}
                mono
                commit={(to) => {
                  try {
                    const doc = useEditor.getState().doc;
                    const next: GraphDoc = renameEntry(doc, section, name, to.trim());
                    edit(`Rename ${noun} ${name}`, () => next);
                    return null;
                  } catch (e) {
                    return (e as Error).message;
                  }
                }}
              />
            </Field>
            {renderBody(name, entries[name]!)}
          </div>
        </details>
      ))}
      <button
        type="button"
        className="insp-button insp-button--ghost"
        onClick={() => edit(`Add ${noun}`, (d) => addEntry(d, section, newName, newEntry as never).doc)}
      >
        + Add {noun}
      </button>
    </div>
  );
}
