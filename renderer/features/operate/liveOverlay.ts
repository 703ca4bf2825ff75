/**
 * The live snapshot as a canvas overlay: per state, the cases in it now (running, waiting for a
 * person, stuck) and, on final states, the cases that ended there. Painted through the editor
 * store's overlay, the same mechanism the simulator uses. Pure, so the rules are unit-tested.
 */
import type { CanvasOverlay, OverlayTone } from '../../app/overlay';
import type { FlatGraph } from '../../../shared/model/flatten';
import type { LiveSnapshot } from './types';

export function buildLiveOverlay(graph: FlatGraph, snap: LiveSnapshot, title: string): CanvasOverlay {
  const per = new Map<string, { running: number; waiting: number; stuck: number; done: number }>();
  let unknown = 0;
  for (const c of snap.counts) {
    if (!c.state) continue; // a case that has not taken its first step yet
    if (!graph.states.has(c.state)) {
      unknown += c.n;
      continue;
    }
    const f = per.get(c.state) ?? { running: 0, waiting: 0, stuck: 0, done: 0 };
    if (c.status === 'running' || c.status === 'waiting' || c.status === 'stuck' || c.status === 'done')
      f[c.status] += c.n;
    per.set(c.state, f);
  }
  const states: CanvasOverlay['states'] = {};
  for (const [key, f] of per) {
    const inFlight = f.running + f.waiting + f.stuck;
    const final = graph.states.get(key)?.type === 'final';
    const parts = [
      f.running ? `${f.running} running` : '',
      f.waiting ? `${f.waiting} waiting for a person` : '',
      f.stuck ? `${f.stuck} stuck` : '',
      f.done ? `${f.done} ended here` : '',
    ].filter(Boolean);
    const tone: OverlayTone = f.stuck ? 'bad' : f.waiting ? 'warn' : inFlight ? 'good' : 'neutral';
    states[key] = {
      label: final && !inFlight ? `${f.done} done` : `${inFlight} in flight`,
      tone,
      detail: parts.join(' · '),
    };
  }
  return {
    states,
    transitions: {},
    title: unknown ? `${title} · ${unknown} cases in states this graph does not have` : title,
    legend: [
      { tone: 'good', label: 'running' },
      { tone: 'warn', label: 'waiting for a person' },
      { tone: 'bad', label: 'stuck' },
    ],
  };
}
