/**
 * Event lines whose attributes repeat the previous line's share one (frozen) object (readJsonl.ts,
 * LineAttributes). Hand-written lines: what each event's attributes must be, whatever is shared.
 */
import { describe, expect, it } from 'vitest';
import { readAll } from '../testing';

const JSONL = { format: 'jsonl' as const };
const lines = (...objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';

describe('JSONL event attributes shared between repeating lines', () => {
  it("never lets a write to one event's attributes change another event's", async () => {
    const { cases } = await readAll(
      lines(
        { caseId: 'k', activity: 'A', tier: 'gold', amount: 7 },
        { caseId: 'k', activity: 'B', tier: 'gold', amount: 7 },
        { caseId: 'm', activity: 'A', tier: 'gold', amount: 7 },
      ),
      JSONL,
    );
    const [a, b] = cases[0]!.events;
    expect(() => {
      (a!.attributes as Record<string, unknown>).tier = 'changed';
    }).toThrow(TypeError);
    expect(b!.attributes).toEqual({ tier: 'gold', amount: 7 });
    expect(cases[1]!.events[0]!.attributes).toEqual({ tier: 'gold', amount: 7 });
  });

  it('tells -0 from 0, a missing key from a present one, and keeps the last of a repeated key', async () => {
    const text =
      '{"caseId":"k","activity":"A","x":0}\n' +
      '{"caseId":"k","activity":"B","x":-0}\n' +
      '{"caseId":"k","activity":"C","x":-0,"y":1}\n' +
      '{"caseId":"k","activity":"D","x":-0}\n' +
      '{"caseId":"k","activity":"E","attributes":{"x":2},"x":3}\n' +
      '{"caseId":"k","activity":"F","x":3,"attributes":{"x":2}}\n' +
      '{"caseId":"k","activity":"G","lifecycle":"start","x":3}\n' +
      '{"caseId":"k","activity":"H","x":3}\n';
    const { cases } = await readAll(text, JSONL);
    const attrs = cases[0]!.events.map((e) => e.attributes);
    expect(Object.is(attrs[0]!.x, 0)).toBe(true);
    expect(Object.is(attrs[1]!.x, -0)).toBe(true);
    expect(attrs[2]).toEqual({ x: -0, y: 1 });
    expect(attrs[3]).toEqual({ x: -0 });
    expect(Object.keys(attrs[3]!)).toEqual(['x']);
    expect(attrs[4]).toEqual({ x: 3 });
    expect(attrs[5]).toEqual({ x: 2 });
    expect(attrs[6]).toEqual({ x: 3, 'lifecycle:transition': 'start' });
    expect(attrs[7]).toEqual({ x: 3 });
    expect(attrs[7]!['lifecycle:transition']).toBeUndefined();
  });

  it('gives an empty object, not none, to an event whose attributes object is empty', async () => {
    const { cases } = await readAll(
      lines({ caseId: 'c1', activity: 'A', attributes: {} }, { caseId: 'c1', activity: 'B' }),
      JSONL,
    );
    expect(cases[0]!.events[0]!.attributes).toEqual({});
    expect(cases[0]!.events[1]!.attributes).toBeUndefined();
  });
});
