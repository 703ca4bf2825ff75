/**
 * Import an event log: pick or drop a file → (CSV) map columns on a preview → import in a worker
 * with a progress bar (events/s, cases so far) and Cancel.
 */
import { useRef, useState } from 'react';
import type { ColumnMapping } from '../simulation/db';
import { useSim } from '../simulation/simStore';
import { probeFile, startImport, type FileProbe, type ImportChoices, type ImportHandle } from './importClient';
import type { ImportProgress } from './importPipeline';
import { MappingStep } from './MappingStep';
import { fmtBytes, fmtInt } from './format';

type Phase =
  | { kind: 'idle' }
  | { kind: 'probing'; file: File }
  | { kind: 'mapping'; file: File; probe: FileProbe }
  | { kind: 'importing'; file: File; gzip: boolean; handle: ImportHandle; progress: ImportProgress | null }
  | { kind: 'error'; message: string };

function baseName(name: string): string {
  return name.replace(/\.(gz)$/i, '').replace(/\.(csv|jsonl|ndjson|json|xes)$/i, '');
}

/**
 * Bytes parsed of the total (for gzip the decompressed bytes of a total read from the gzip trailer,
 * an estimate: hence "≈"), figures so far and the time left at the rate so far.
 */
export function progressText(p: ImportProgress, gzip: boolean): string {
  const of = `${fmtBytes(p.bytes)} of ${gzip ? '≈ ' : ''}${fmtBytes(p.totalBytes)}`;
  const left = p.bytes > 0 && p.bytes < p.totalBytes ? (p.ms * (p.totalBytes - p.bytes)) / p.bytes / 1000 : null;
  const eta =
    left === null
      ? ''
      : left < 1
        ? ' · under a second left'
        : ` · about ${left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left`;
  return `${of} · ${fmtInt(p.cases)} cases · ${fmtInt(p.events)} events · ${fmtInt(p.eventsPerSecond)} events/s${eta}`;
}

export function ImportPanel() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const setDataset = useSim((s) => s.setDataset);

  const choose = async (file: File) => {
    setPhase({ kind: 'probing', file });
    try {
      const probe = await probeFile(file);
      // CSV and XES have choices to make first (columns, classifier); JSONL cases are read as they are
      if (probe.format === 'csv' || probe.format === 'xes') setPhase({ kind: 'mapping', file, probe });
      else begin(file, probe, undefined, baseName(file.name));
    } catch (e) {
      setPhase({ kind: 'error', message: String((e as Error).message ?? e) });
    }
  };

  const begin = (
    file: File,
    probe: FileProbe,
    mapping: ColumnMapping | undefined,
    name: string,
    choices?: ImportChoices,
  ) => {
    const handle = startImport(file, probe, {
      name,
      mapping,
      choices,
      onProgress: (progress) => setPhase((p) => (p.kind === 'importing' ? { ...p, progress } : p)),
    });
    setPhase({ kind: 'importing', file, gzip: probe.gzip, handle, progress: null });
    handle.done.then(
      (row) => {
        setPhase({ kind: 'idle' });
        if (row) setDataset(row.id);
      },
      (e: Error) => setPhase({ kind: 'error', message: e.message }),
    );
  };

  if (phase.kind === 'mapping') {
    return (
      <MappingStep
        fileName={phase.file.name}
        probe={phase.probe}
        defaultName={baseName(phase.file.name)}
        onCancel={() => setPhase({ kind: 'idle' })}
        onImport={(mapping, name, choices) => begin(phase.file, phase.probe, mapping, name, choices)}
      />
    );
  }

  if (phase.kind === 'importing') {
    const p = phase.progress;
    const share = p && p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
    return (
      <div className="sim-card" data-testid="import-progress">
        <div className="sim-row">
          <strong>Importing {phase.file.name}</strong>
          <button type="button" onClick={() => phase.handle.cancel()} data-testid="import-cancel">
            Cancel
          </button>
        </div>
        <progress max={1} value={share} aria-label="import progress" />
        <div className="sim-muted">{p ? progressText(p, phase.gzip) : 'starting…'}</div>
      </div>
    );
  }

  return (
    <div
      className={`sim-drop${dragging ? ' sim-drop-over' : ''}`}
      data-testid="import-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void choose(file);
      }}
    >
      <div>
        Drop an event log here (CSV, JSONL, XES, .gz) or{' '}
        <button type="button" onClick={() => input.current?.click()}>
          choose a file…
        </button>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="import-file"
        accept=".csv,.jsonl,.ndjson,.json,.xes,.gz,.txt"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void choose(file);
        }}
      />
      {phase.kind === 'probing' && <div className="sim-muted">Reading {phase.file.name}…</div>}
      {phase.kind === 'error' && (
        <div className="sim-error" role="alert">
          {phase.message}
        </div>
      )}
    </div>
  );
}
