import { describe, expect, it } from 'vitest';
import { draftSop, slug } from './draftSop';

describe('draftSop', () => {
  // hand count: 10 cases; [A,B,C]×5 + [A,C]×3 = 8 cases = 80% → those two variants are kept
  const variants = [
    { activities: ['A', 'C'], cases: 3 },
    { activities: ['B'], cases: 2 },
    { activities: ['A', 'B', 'C'], cases: 5 },
  ];

  it('keeps the most frequent variants covering the share, branches ordered by cases', () => {
    const d = draftSop(variants, { coverage: 0.8 });
    expect([d.keptVariants, d.coveredCases, d.totalCases]).toEqual([2, 8, 10]);
    const states = d.doc.machine.states as Record<
      string,
      {
        on?: Record<string, { target: string; meta: { tier: string; cases: number } }>;
        type?: string;
        meta: { activity: string };
      }
    >;
    const branches = (key: string) =>
      Object.values(states[key]!.on ?? {}).map((t) => [t.target, t.meta.cases, t.meta.tier]);
    expect(d.doc.machine.initial).toBe('begin');
    expect(branches('begin')).toEqual([['A', 8, 'human']]);
    expect(branches('A')).toEqual([
      ['B', 5, 'human'],
      ['C', 3, 'human'],
    ]);
    expect(branches('B')).toEqual([['C', 5, 'human']]);
    expect(branches('C')).toEqual([['end', 8, 'human']]);
    expect(states.end!.type).toBe('final');
    expect(d.doc.rollout).toBe('observe');
    expect(states.B!.meta.activity).toBe('B');
  });

  it('coverage 1 keeps every variant; a bad coverage is refused', () => {
    expect(draftSop(variants, { coverage: 1 }).keptVariants).toBe(3);
    expect(() => draftSop(variants, { coverage: 0 })).toThrow(/coverage must be/);
    expect(() => draftSop(variants, { coverage: 1.5 })).toThrow(/coverage must be/);
  });

  it('state keys are safe and unique whatever the activity names', () => {
    const d = draftSop([{ activities: ['Check #1.a', 'Check #1 a', '__proto__', 'begin', 'Prüfung'], cases: 1 }], {
      coverage: 1,
    });
    const keys = Object.keys(d.doc.machine.states!);
    expect(keys).toEqual(
      expect.arrayContaining(['Check_1_a', 'Check_1_a_2', 'proto', 'begin_2', 'Prufung', 'begin', 'end']),
    );
    expect(slug('42 days')).toBe('a_42_days');
  });
});
