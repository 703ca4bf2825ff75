/**
 * The import step before a log is read: for CSV the column mapping on a preview of the first rows
 * (auto-detected roles, editable); for every format the activity classifier, date order, time
 * zone and "skip and count". The choices are saved with the dataset.
 */
import { useState } from 'react';
import type { ColumnMapping } from '../simulation/db';
import { ClassifierSelect } from './ClassifierSelect';
import type { FileProbe, ImportChoices } from './importClient';
import { fmtInt } from './format';
import './data.css';

const ROLES: Array<{ key: keyof ColumnMapping; label: string; required: boolean }> = [
  { key: 'caseId', label: 'Case id', required: true },
  { key: 'activity', label: 'Activity', required: true },
  { key: 'timestamp', label: 'Timestamp', required: false },
  { key: 'resource', label: 'Resource', required: false },
  { key: 'lifecycle', label: 'Lifecycle', required: false },
  { key: 'startTimestamp', label: 'Start time', required: false },
];

export function MappingStep(props: {
  fileName: string;
  probe: FileProbe;
  defaultName: string;
  onCancel(): void;
  onImport(mapping: ColumnMapping | undefined, name: string, choices: ImportChoices): void;
}) {
  const preview = props.probe.preview;
  const xes = props.probe.xes;
  const [mapping, setMapping] = useState<Partial<ColumnMapping>>(() => ({ ...preview?.guessed }));
  const [name, setName] = useState(props.defaultName);
  const [choices, setChoices] = useState<ImportChoices>({});
  const missing = preview
    ? [!mapping.caseId && 'a case id column', !mapping.activity && 'an activity column'].filter(Boolean).join(' and ')
    : '';
  const ready = missing === '';
  const choose = (patch: ImportChoices) => setChoices((c) => ({ ...c, ...patch }));
  const roleOf = (h: string) => ROLES.find((r) => mapping[r.key] === h)?.label;
  const lifecycle = Object.entries(xes?.lifecycle ?? {}).sort((a, b) => b[1] - a[1]);

  return (
    <div className="sim-card" data-testid="mapping-step">
      <div className="sim-row">
        <strong>{preview ? `Map the columns of ${props.fileName}` : `Import ${props.fileName}`}</strong>
        {preview && (
          <span className="sim-muted">
            delimiter “{preview.delimiter === '\t' ? 'tab' : preview.delimiter}” · other columns become attributes
          </span>
        )}
        {xes && (
          <span className="sim-muted" data-testid="xes-preview">
            first {fmtInt(xes.tracesRead)} trace{xes.tracesRead === 1 ? '' : 's'}: {fmtInt(xes.eventKeys.length)} event
            attribute{xes.eventKeys.length === 1 ? '' : 's'}
            {xes.classifiers.length > 0 ? ` · ${xes.classifiers.length} declared classifier(s)` : ''}
            {lifecycle.length > 0
              ? ` · lifecycle ${lifecycle.map(([v, n]) => `${v} ${fmtInt(n)}`).join(', ')}`
              : ' · no lifecycle'}
          </span>
        )}
      </div>
      <div className="sim-mapping">
        {preview &&
          ROLES.map((r) => (
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
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ))}
        <ClassifierSelect
          probe={props.probe}
          mapping={mapping}
          value={choices.classifier ?? 'name'}
          onChange={(classifier) => choose({ classifier })}
        />
        <label>
          Dates
          <select
            data-testid="import-date-order"
            value={choices.dateOrder ?? ''}
            onChange={(e) => choose({ dateOrder: (e.target.value || undefined) as ImportChoices['dateOrder'] })}
          >
            <option value="">detect day/month order</option>
            <option value="dmy">day first (05/11 = 5 Nov)</option>
            <option value="mdy">month first (05/11 = 11 May)</option>
          </select>
        </label>
        <label title="IANA name, e.g. Europe/Amsterdam; for timestamps written without an offset">
          Time zone
          <input
            data-testid="import-time-zone"
            placeholder="UTC"
            value={choices.timeZone ?? ''}
            onChange={(e) => choose({ timeZone: e.target.value.trim() || undefined })}
          />
        </label>
        <label className="sim-check sim-wide">
          <input
            type="checkbox"
            data-testid="import-skip-invalid"
            checked={!!choices.skipInvalid}
            onChange={(e) => choose({ skipInvalid: e.target.checked })}
          />
          Skip and count rows that cannot be read
        </label>
        <label>
          Dataset name
          <input data-testid="dataset-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      {preview && (
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
      )}
      <div className="sim-row">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="sim-primary"
          data-testid="import-start"
          disabled={!ready}
          title={ready ? undefined : `Choose ${missing} first`}
          onClick={() =>
            props.onImport(preview ? (mapping as ColumnMapping) : undefined, name.trim() || props.defaultName, choices)
          }
        >
          Import
        </button>
        {!ready && (
          <span className="sim-muted" data-testid="import-start-why">
            Choose {missing} to import.
          </span>
        )}
      </div>
    </div>
  );
}
