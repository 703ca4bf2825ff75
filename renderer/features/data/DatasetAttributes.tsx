/**
 * The attributes guards can use: case and event attributes of the dataset with inferred type,
 * coverage (cases that have it) and sample values. Chosen ones go into the open graph's case
 * schema as one undoable edit ("Undo Add 2 fields to the case schema").
 */
import { useState } from 'react';
import { useEditor } from '../../app/store';
import type { DatasetRow } from '../simulation/db';
import type { AttributeInfo } from './attributeProfile';
import { fmtInt, fmtPct } from './format';
import { addAttributesToSchema, schemaStanding } from './schemaFromAttributes';

const keyOf = (a: AttributeInfo) => `${a.scope}:${a.name}`;

export function DatasetAttributes({ ds }: { ds: DatasetRow }) {
  const doc = useEditor((s) => s.doc);
  const edit = useEditor((s) => s.edit);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const attributes = ds.stats?.attributes;
  if (!attributes)
    return (
      <div className="sim-muted">
        Attributes were not profiled for this dataset (imported by an older version): import it again to list them.
      </div>
    );
  const cases = ds.stats!.cases;
  const picked = attributes.filter((a) => chosen.has(keyOf(a)) && !schemaStanding(doc, a).taken);
  const why =
    attributes.length === 0
      ? 'The log has no attributes besides case id, activity and time.'
      : picked.length === 0
        ? 'Tick the attributes to add first.'
        : null;
  const toggle = (a: AttributeInfo, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(keyOf(a));
      else next.delete(keyOf(a));
      return next;
    });
  const add = () => {
    edit(`Add ${picked.length} field${picked.length === 1 ? '' : 's'} to the case schema`, (d) =>
      addAttributesToSchema(d, picked, ds.name),
    );
    setChosen(new Set());
  };
  return (
    <div data-testid="ds-attributes">
      <div className="sim-row">
        <h4>Attributes guards can use</h4>
        <button
          type="button"
          className="sim-primary"
          data-testid="ds-add-to-schema"
          disabled={why !== null}
          title={
            why ??
            `Adds ${picked.map((a) => schemaStanding(doc, a).name).join(', ')} to the case schema of “${doc.name}” (one undoable edit; set each field's source there)`
          }
          onClick={add}
        >
          Add {picked.length > 0 ? `${picked.length} ` : ''}to case schema
        </button>
        {why && (
          <span className="sim-muted" data-testid="ds-add-why">
            {why}
          </span>
        )}
      </div>
      <div className="sim-table-wrap">
        <table className="sim-table">
          <thead>
            <tr>
              <th />
              <th>attribute</th>
              <th>of</th>
              <th>type</th>
              <th className="num">cases</th>
              <th>sample values</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map((a) => {
              const standing = schemaStanding(doc, a);
              return (
                <tr key={keyOf(a)} data-testid="ds-attribute" data-attribute={a.name} data-scope={a.scope}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`choose ${a.name}`}
                      disabled={standing.taken}
                      title={
                        standing.taken ? `The case schema already has “${standing.name}”` : `Add as “${standing.name}”`
                      }
                      checked={!standing.taken && chosen.has(keyOf(a))}
                      onChange={(e) => toggle(a, e.target.checked)}
                    />
                  </td>
                  <td>
                    {a.name}
                    {standing.taken && <span className="sim-muted"> · in the schema</span>}
                  </td>
                  <td>{a.scope}</td>
                  <td>{a.type}</td>
                  <td className="num">
                    {fmtInt(a.cases)}{' '}
                    <span className="sim-muted">({fmtPct(cases > 0 ? a.cases / cases : null, 0)})</span>
                  </td>
                  <td className="sim-muted">{a.samples.join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
