import { describe, expect, it } from 'vitest';
import { folderScore, formatScore } from './mutationScore.mjs';

const report = (statuses: string[][]) => ({
  files: Object.fromEntries(statuses.map((s, i) => [`f${i}.ts`, { mutants: s.map((status) => ({ status })) }])),
});

describe('folderScore (Stryker: detected / valid)', () => {
  it('counts Killed and Timeout as detected, Survived and NoCoverage as undetected, across files', () => {
    // 3 detected of 5 valid = 60%, counted by hand
    const s = folderScore(
      report([
        ['Killed', 'Survived', 'Ignored'],
        ['Timeout', 'NoCoverage', 'Killed'],
      ]),
    );
    expect(s).toMatchObject({ Killed: 2, Timeout: 1, Survived: 1, NoCoverage: 1, Ignored: 1, detected: 3, valid: 5 });
    expect(s.score).toBe(60);
  });
  it('leaves compile and runtime errors and ignored mutants out of the score', () => {
    const s = folderScore(report([['Killed', 'CompileError', 'RuntimeError', 'Ignored', 'Survived']]));
    expect(s.invalid).toBe(2);
    expect(s.score).toBe(50);
  });
  it('has no score without valid mutants', () => {
    expect(folderScore(report([['Ignored']])).score).toBeNull();
    expect(formatScore(folderScore(report([])))).toMatch(/^n\/a /);
  });
  it('prints one decimal and every count', () => {
    expect(formatScore(folderScore(report([['Killed', 'Killed', 'Survived']])))).toBe(
      '66.7% (2 killed, 0 timeout, 1 survived, 0 no coverage, 0 ignored, 0 invalid)',
    );
  });
});
