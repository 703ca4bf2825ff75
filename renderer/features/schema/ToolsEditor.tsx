/** Editor for the graph's tools: actions on systems of record, their risk, undo, limit and rate. */
import type { Risk, ToolDef, ToolRate } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { CelEditor } from '../../monaco/LazyCelEditor';
import { limitPlaceholder } from '../inspector/celExamples';
import { Field, NumberInput, Select, TextInput } from '../inspector/fields';
import { EntryList } from './EntryList';
import { patchEntry } from './schemaEdits';

const RISKS: Risk[] = ['low', 'medium', 'high', 'critical'];

export function ToolsEditor() {
  const tools = useEditor((s) => s.doc.tools);
  const schema = useEditor((s) => s.doc.caseSchema);
  const edit = useEditor((s) => s.edit);
  const patch = (name: string, p: Partial<ToolDef>, what: string) =>
    edit(`Edit tool ${name}`, (d) => patchEntry(d, 'tools', name, p), { coalesce: `tool:${name}:${what}` });
  const patchRate = (name: string, rate: ToolRate | undefined, key: keyof ToolRate, v: number | undefined) => {
    const next: ToolRate = { ...(rate ?? {}) };
    if (v === undefined || Number.isNaN(v)) delete next[key];
    else next[key] = v;
    patch(name, { rate: Object.keys(next).length ? next : undefined }, `rate.${key}`);
  };
  return (
    <EntryList<ToolDef>
      section="tools"
      entries={tools}
      noun="tool"
      newName="tool"
      newEntry={{ risk: 'low', reversible: false }}
      intro="Actions an agent may take on a system of record: how risky they are, how to undo them, and the limit within which an agent may act."
      empty="No tools yet."
      summary={(t) => [t.system, t.risk && `${t.risk} risk`].filter(Boolean).join(' · ')}
      renderBody={(name, t) => (
        <>
          <div className="schema-grid">
            <Field label="System">
              <TextInput
                value={t.system ?? ''}
                placeholder="billing"
                label={`${name} system`}
                onChange={(system) => patch(name, { system }, 'system')}
              />
            </Field>
            <Field label="Risk">
              <Select
                value={t.risk ?? ''}
                none="(unset)"
                label={`${name} risk`}
                options={RISKS.map((r) => ({ value: r, label: r }))}
                onChange={(risk) => patch(name, { risk: risk || undefined }, 'risk')}
              />
            </Field>
            <Field label="Reversible">
              <label className="insp-check">
                <input
                  type="checkbox"
                  checked={t.reversible === true}
                  onChange={(e) => patch(name, { reversible: e.target.checked }, 'reversible')}
                />{' '}
                Can be undone
              </label>
            </Field>
            <Field label="Undo with">
              <Select
                value={t.undo ?? ''}
                none="(none)"
                label={`${name} undo tool`}
                options={Object.keys(tools)
                  .filter((n) => n !== name)
                  .map((n) => ({ value: n, label: n }))}
                onChange={(undo) => patch(name, { undo: undo || undefined }, 'undo')}
              />
            </Field>
          </div>
          <Field label="Limit" hint="CEL over the case: the agent may act only while it holds.">
            <CelEditor
              value={t.limit ?? ''}
              schema={schema}
              label={`${name} limit`}
              placeholder={limitPlaceholder(schema)}
              onChange={(limit) => patch(name, { limit: limit.trim() ? limit : undefined }, 'limit')}
            />
          </Field>
          <Field label="Rate (runtime)">
            <div className="insp-grid3">
              <label>
                <span>per minute</span>
                <NumberInput
                  value={t.rate?.perMinute}
                  label={`${name} calls per minute`}
                  onChange={(v) => patchRate(name, t.rate, 'perMinute', v)}
                />
              </label>
              <label>
                <span>max batch</span>
                <NumberInput
                  value={t.rate?.maxBatch}
                  label={`${name} max batch`}
                  onChange={(v) => patchRate(name, t.rate, 'maxBatch', v === undefined ? v : Math.floor(v))}
                />
              </label>
              <label>
                <span>max retries</span>
                <NumberInput
                  value={t.rate?.maxRetries}
                  label={`${name} max retries`}
                  onChange={(v) => patchRate(name, t.rate, 'maxRetries', v === undefined ? v : Math.floor(v))}
                />
              </label>
            </div>
          </Field>
        </>
      )}
    />
  );
}
