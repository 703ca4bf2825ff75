import { describe, expect, it } from 'vitest';
import { flattenMachine } from '../../../shared/model/flatten';
import { refundGraph } from '../../../shared/runtime/testGraph';
import { buildLiveOverlay } from './liveOverlay';

const flat = flattenMachine(refundGraph().machine);
const controls = { rollout: 'autonomy', draining: false, paused: [] };

describe('the live overlay', () => {
  it('counts cases in flight per state, waiting ones in the warning tone, and ended ones on final states', () => {
    // given 2 cases waiting at triage, 1 running at refund and 5 done
    const o = buildLiveOverlay(
      flat,
      {
        counts: [
          { state: 'triage', status: 'waiting', n: 2 },
          { state: 'refund', status: 'running', n: 1 },
          { state: 'done', status: 'done', n: 5 },
        ],
        inbox: [],
        controls,
      },
      'Live',
    );
    expect(o.states.triage).toEqual({ label: '2 in flight', tone: 'warn', detail: '2 waiting for a person' });
    expect(o.states.refund).toEqual({ label: '1 in flight', tone: 'good', detail: '1 running' });
    expect(o.states.done).toEqual({ label: '5 done', tone: 'neutral', detail: '5 ended here' });
    expect(o.states.review).toBeUndefined();
  });

  it('leaves out cases not yet started and names cases in states the open graph lacks', () => {
    const o = buildLiveOverlay(
      flat,
      {
        counts: [
          { state: '', status: 'running', n: 3 },
          { state: 'escalate', status: 'waiting', n: 4 },
        ],
        inbox: [],
        controls,
      },
      'Live',
    );
    expect(Object.keys(o.states)).toEqual([]);
    expect(o.title).toBe('Live · 4 cases in states this graph does not have');
  });

  it('marks a stuck state bad even when others there still run', () => {
    const o = buildLiveOverlay(
      flat,
      {
        counts: [
          { state: 'review', status: 'stuck', n: 1 },
          { state: 'review', status: 'running', n: 1 },
        ],
        inbox: [],
        controls,
      },
      'Live',
    );
    expect(o.states.review!.tone).toBe('bad');
    expect(o.states.review!.label).toBe('2 in flight');
  });
});
