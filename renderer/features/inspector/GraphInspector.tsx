/** Graph-level settings shown when nothing is selected: name, rollout stage, counts. */
import type { FlatGraph } from '../../../shared/model/flatten';
import type { GraphDoc, Rollout } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { branchCount } from './branchCount';
import { Field, Section, Segmented, TextInput } from './fields';
import { ROLLOUT_OPTIONS } from './tierOptions';

export function GraphInspector({ doc, flat }: { doc: GraphDoc; flat: FlatGraph }) {
  const edit = useEditor((s) => s.edit);
  const rollout = ROLLOUT_OPTIONS.find((o) => o.value === doc.rollout);
  return (
    <div className="insp-body" data-testid="graph-inspector">
      <div className="insp-title">
        <span className="insp-kicker">Graph · version {doc.version}</span>
        <h2>{doc.name || 'Untitled SOP'}</h2>
      </div>
      <Section title="Graph">
        <Field label="Name">
          <TextInput
            value={doc.name}
            label="Graph name"
            testId="inspector-graph-name"
            onChange={(name) => edit('Rename graph', (d) => ({ ...d, name }), { coalesce: 'graph:name' })}
          />
        </Field>
        <Field label="Rollout stage" hint={rollout?.title}>
          <Segmented<Rollout>
            value={doc.rollout}
            options={ROLLOUT_OPTIONS}
            label="Rollout stage"
            onChange={(r) => edit(`Set rollout ${r}`, (d) => ({ ...d, rollout: r }))}
          />
        </Field>
      </Section>
      <Section title="Contents">
        <dl className="insp-stats">
          <dt>States</dt>
          <dd>{flat.stateOrder.length}</dd>
          <dt>Branches</dt>
          <dd>{branchCount(flat, doc.machine)}</dd>
          <dt>Case fields</dt>
          <dd>{Object.keys(doc.caseSchema).length}</dd>
          <dt>Tools</dt>
          <dd>{Object.keys(doc.tools).length}</dd>
          <dt>Agents</dt>
          <dd>{Object.keys(doc.agents).length}</dd>
        </dl>
        <p className="insp-empty">Select a state or a branch on the canvas to edit it.</p>
      </Section>
    </div>
  );
}
