/**
 * The activity classifier of an import (issue #10): the activity name (start/complete paired into
 * one event per activity instance), name + lifecycle, a classifier the XES log declares, or any
 * attribute (alone or after the name). The value is the classifier string shared/import reads.
 */
import type { ColumnMapping } from '../simulation/db';
import type { FileProbe } from './importClient';
import { classifierForKey } from './xesPreview';

/** Attribute keys (XES) or columns not given a role (CSV) that can name activities. */
function attributeKeys(probe: FileProbe, mapping: Partial<ColumnMapping>): string[] {
  if (probe.xes) return probe.xes.eventKeys.filter((k) => k !== 'lifecycle:transition');
  const roles = new Set(Object.values(mapping).filter((v): v is string => typeof v === 'string'));
  return (probe.preview?.headers ?? []).filter((h) => !roles.has(h));
}

export function ClassifierSelect(props: {
  probe: FileProbe;
  mapping: Partial<ColumnMapping>;
  value: string;
  onChange(classifier: string): void;
}) {
  const { probe, mapping } = props;
  const keys = attributeKeys(probe, mapping);
  const lifecycleSeen = probe.xes ? Object.keys(probe.xes.lifecycle).length > 0 : !!mapping.lifecycle;
  const activity = probe.xes ? 'concept:name' : (mapping.activity ?? 'activity');
  const declared = probe.xes?.classifiers ?? [];
  return (
    <label
      className="sim-full"
      title={
        lifecycleSeen
          ? undefined
          : 'name + lifecycle needs lifecycle data: map a lifecycle column (CSV) or a log with lifecycle:transition (XES)'
      }
    >
      Classifier
      <select data-testid="import-classifier" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="name">activity name (a start folds into its complete)</option>
        <option value="name+lifecycle" disabled={!lifecycleSeen}>
          activity + lifecycle{lifecycleSeen ? '' : ' (no lifecycle data)'}
        </option>
        {declared.length > 0 && (
          <optgroup label="declared by the log">
            {declared.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.keys.join(' + ')})
              </option>
            ))}
          </optgroup>
        )}
        {keys.length > 0 && (
          <optgroup label="an attribute">
            {keys.map((k) => (
              <option key={k} value={classifierForKey(k)}>
                {k}
              </option>
            ))}
          </optgroup>
        )}
        {keys.length > 0 && (
          <optgroup label="activity + an attribute">
            {keys.map((k) => (
              <option key={k} value={`${classifierForKey(activity)} ${classifierForKey(k)}`}>
                activity + {k}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
