import { describe, expect, it } from 'vitest';
import { casesCsv, refundModel, ticketModel } from './gen-cases';

describe('gen-cases', () => {
  it('is deterministic per seed and writes one row per event with a header', () => {
    const a = [...casesCsv(refundModel, 50, 7)].join('');
    expect([...casesCsv(refundModel, 50, 7)].join('')).toBe(a);
    expect([...casesCsv(refundModel, 50, 8)].join('')).not.toBe(a);
    const lines = a.trim().split('\n');
    expect(lines[0]).toBe('case_id,activity,timestamp,resource,amount,fraudScore,customerTier');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(50);
    expect(lines.slice(1).every((l) => l.split(',').length === 7)).toBe(true);
  });
  it('keeps each case contiguous and its timestamps increasing', () => {
    const lines = [...casesCsv(ticketModel, 200, 3)]
      .join('')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (let i = 1; i < lines.length; i++) {
      if (lines[i]![0] === lines[i - 1]![0])
        expect(Date.parse(lines[i]![2]!)).toBeGreaterThan(Date.parse(lines[i - 1]![2]!));
    }
    const ids = lines.map((l) => l[0]);
    expect(ids.filter((id, i) => i > 0 && id !== ids[i - 1]).length + 1).toBe(200);
  });
});
