/** CSV column mapping: preview of the first rows, auto-detected roles, editable before import. */
import { useState } from 'react';
import type { ColumnMapping } from '../simulation/db';
import type { FileProbe } from './importClient';

const ROLES: Array<{ key: keyof ColumnMapping; label: string; required: boolean }> = [
  { key: 'caseId', label: 'Case id', required: true },
  { key: 'activity', label: 'Activity', required: true },
  { key: 'timestamp', label: 'Timestamp', required: false },
  { key: 'resource', label: 'Resource', required: false },
];

export function MappingStep(props: { fileName: string; probe: FileProbe; defaultName: string; onCancel(): void; onImport(mapping: ColumnMapping, name: string): void }) {
  const preview = props.probe.preview!;
  const [mapping, setMapping] = useState<Partial<ColumnMapping>>(() => ({ ...preview.guessed }));
  const [name, setName] = useState(props.defaultName);
  const ready = !!mapping.caseId && !!mapping.activity;
  const roleOf = (h: string) => ROLES.find((r) => mapping[r.key] === h)?.label;

  return (
    <div className="sim-card" data-testid="mapping-step">
      <div className="sim-row">
        <strong>Map the columns of {props.fileName}</strong>
        <span className="sim-muted">delimiter “{preview.delimiter === '\t' ? 'tab' : preview.delimiter}” · other columns become attributes</span>
      </div>
      <div className="sim-mapping">
        {ROLES.map((r) => (
          <label key={r.key}>
            {r.label}
            {r.required ? ' *' : ''}
            <select
              data-testid={`map-${r.key}`}
              value={mapping[r.key] ?? ''}
              onChange={(e) => setMapping((m) => ({ ...m, [r.key]: e.target.value || undefined }))}
            >
              <option value="">{r.required ? '— choose —' : '— none —'}</option>
              {preview.headers.map((h) => (
                <option key={h} value={h}>{h}</option>
              ))}
            </select>
          </label>
        ))}
        <label>
          Dataset name
          <input data-testid="dataset-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      <div className="sim-table-wrap">
        <table className="sim-table sim-preview">
          <thead>
            <tr>
              {preview.headers.map((h) => (
                <th key={h} className={roleOf(h) ? 'sim-mapped' : undefined}>
                  {h}
                  {roleOf(h) && <div className="sim-role">{roleOf(h)}</div>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              <tr key={i}>
                {preview.headers.map((h, j) => (
                  <td key={h}>{row[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sim-row">
        <button type="button" onClick={props.onCancel}>Cancel</button>
        <button type="button" className="sim-primary" data-testid="import-start" disabled={!ready} onClick={() => props.onImport(mapping as ColumnMapping, name.trim() || props.defaultName)}>
          Import
        </button>
      </div>
    </div>
  );
}
