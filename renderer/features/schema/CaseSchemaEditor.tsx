/** Editor for the graph's caseSchema: the fields an agent may see, their type, source and freshness. */
import type { CaseField, FieldType } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { CommitInput, Field, Select, TextInput } from '../inspector/fields';
import { EntryList } from './EntryList';
import { patchEntry } from './schemaEdits';

const TYPES: FieldType[] = ['number', 'int', 'string', 'bool', 'timestamp', 'list', 'map'];
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function CaseSchemaEditor() {
  const schema = useEditor((s) => s.doc.caseSchema);
  const edit = useEditor((s) => s.edit);
  const patch = (name: string, p: Partial<CaseField>, what: string) =>
    edit(`Edit field ${name}`, (d) => patchEntry(d, 'caseSchema', name, p), { coalesce: `field:${name}:${what}` });
  return (
    <EntryList<CaseField>
      section="caseSchema"
      entries={schema}
      noun="field"
      newName="field"
      newEntry={{ type: 'string' }}
      intro="Fields an agent may see, where each comes from and how fresh it must be. Guards read them as CEL variables."
      empty="No case fields yet."
      summary={(f) => [f.type, f.source].filter(Boolean).join(' · ')}
      renderBody={(name, f) => (
        <div className="schema-grid">
          <Field label="Type">
            <Select
              value={f.type}
              label={`${name} type`}
              options={TYPES.map((t) => ({ value: t, label: t }))}
              onChange={(type) => type && patch(name, { type }, 'type')}
            />
          </Field>
          <Field label="Source">
            <TextInput
              value={f.source ?? ''}
              placeholder="billing"
              label={`${name} source`}
              onChange={(source) => patch(name, { source }, 'source')}
            />
          </Field>
          <Field label="Max age">
            <CommitInput
              value={f.maxAge ?? ''}
              placeholder="PT1H (ISO 8601)"
              label={`${name} max age`}
              mono
              commit={(v) => {
                if (v && !ISO_DURATION.test(v.trim())) return 'Not an ISO 8601 duration (e.g. PT1H, P1D)';
                patch(name, { maxAge: v.trim() || undefined }, 'maxAge');
                return null;
              }}
            />
          </Field>
          <Field label="Allowed values">
            <CommitInput
              value={(f.enum ?? []).join(', ')}
              placeholder="any (or a, b, c)"
              label={`${name} allowed values`}
              commit={(v) => {
                const values = v
                  .split(',')
                  .map((x) => x.trim())
                  .filter(Boolean);
                patch(name, { enum: values.length ? values : undefined }, 'enum');
                return null;
              }}
            />
          </Field>
        </div>
      )}
    />
  );
}
