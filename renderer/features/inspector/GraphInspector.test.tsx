/**
 * The graph's Contents panel (shown when nothing is selected) counts every branch the simulator
 * and runner take: the states' own and the machine root's (machine.on / always / after, see
 * rootTransitions in shared/model/flatten.ts). Expected counts are written out from the machine.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { flattenMachine } from '../../../shared/model/flatten';
import { emptyDoc } from '../../../shared/model/edits/empty';
import type { GraphDoc, MachineConfig } from '../../../shared/model/types';
import { GraphInspector } from './GraphInspector';

/** The Contents panel's figures, as "label: value" pairs. */
function contents(machine: MachineConfig): Record<string, string> {
  const doc: GraphDoc = { ...emptyDoc('Counts'), machine };
  const html = renderToStaticMarkup(<GraphInspector doc={doc} flat={flattenMachine(machine)} />);
  const pairs = [...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)];
  return Object.fromEntries(pairs.map((m) => [m[1]!, m[2]!]));
}

describe('Contents panel: branch count', () => {
  it('counts the root branches (on, always, after) with the states’ own', () => {
    const machine: MachineConfig = {
      id: 'm',
      initial: 'triage',
      // 2 root branches on CANCEL (an array), 1 always, 1 after: 4 at the root
      on: {
        CANCEL: [
          { target: '.cancelled', guard: { type: 'cel', params: { expr: 'case.vip' } } },
          { target: '.cancelled' },
        ],
      },
      always: { target: '#m.done', guard: { type: 'cel', params: { expr: 'case.closed' } } },
      after: { 86400000: { target: '.cancelled' } },
      states: {
        // 2 branches in the states: triage → done on DONE, triage → cancelled always
        triage: {
          on: { DONE: { target: 'done' } },
          always: [{ target: 'cancelled', guard: { type: 'cel', params: { expr: 'case.spam' } } }],
        },
        done: { type: 'final' },
        cancelled: { type: 'final' },
      },
    };
    expect(contents(machine)).toMatchObject({ States: '3', Branches: '6' });
  });

  it('a machine without root branches: the states’ branches only', () => {
    const machine: MachineConfig = {
      initial: 'a',
      states: { a: { on: { GO: [{ target: 'b' }, { target: 'a' }] } }, b: { type: 'final' } },
    };
    expect(contents(machine)).toMatchObject({ States: '2', Branches: '2' });
  });
});
