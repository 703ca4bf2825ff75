/** Editor for the graph's agents: owner and blast radius (which fields they read, which tools they call). */
import type { AgentDef } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { ChipSelect, Field, TextInput } from '../inspector/fields';
import { EntryList } from './EntryList';
import { patchEntry } from './schemaEdits';

export function AgentsEditor() {
  const agents = useEditor((s) => s.doc.agents);
  const fields = useEditor((s) => s.doc.caseSchema);
  const tools = useEditor((s) => s.doc.tools);
  const edit = useEditor((s) => s.edit);
  const patch = (name: string, p: Partial<AgentDef>, what: string) =>
    edit(`Edit agent ${name}`, (d) => patchEntry(d, 'agents', name, p), { coalesce: `agent:${name}:${what}` });
  return (
    <EntryList<AgentDef>
      section="agents"
      entries={agents}
      noun="agent"
      newName="agent"
      newEntry={{ reads: [], tools: [] }}
      intro="Each agent's blast radius: who owns it, which case fields it may read and which tools it may call."
      empty="No agents yet."
      summary={(a) =>
        [a.owner, `${a.reads?.length ?? 0} fields`, `${a.tools?.length ?? 0} tools`].filter(Boolean).join(' · ')
      }
      renderBody={(name, a) => (
        <>
          <Field label="Owner">
            <TextInput
              value={a.owner ?? ''}
              placeholder="payments-ops"
              label={`${name} owner`}
              onChange={(owner) => patch(name, { owner }, 'owner')}
            />
          </Field>
          <Field label="Reads" hint="Case fields this agent may see.">
            <ChipSelect
              options={Object.keys(fields)}
              value={a.reads ?? []}
              label={`${name} reads`}
              empty="Declare case fields first."
              onChange={(reads) => patch(name, { reads }, 'reads')}
            />
          </Field>
          <Field label="Tools" hint="Tools this agent may call.">
            <ChipSelect
              options={Object.keys(tools)}
              value={a.tools ?? []}
              label={`${name} tools`}
              empty="Declare tools first."
              onChange={(t) => patch(name, { tools: t }, 'tools')}
            />
          </Field>
        </>
      )}
    />
  );
}
