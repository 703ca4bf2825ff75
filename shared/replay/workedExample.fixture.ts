/**
 * DESIGN.md's worked example as test data, written once from the table in DESIGN.md ("Worked example"):
 * five cases on the refund graph (samples/refund.sop.json, rollout autonomy) and the totals DESIGN.md
 * lists for them. Tests import it instead of copying the table; the figures stay DESIGN's, never a
 * value computed by the code under test. Test support only (not mutated, not shipped).
 */
import type { RecordedCase } from '../model/types';
import type { Totals } from './result';

/** One row of DESIGN.md's table: case id, amount, fraudScore, activities in order. */
type Row = readonly [caseId: string, amount: number, fraudScore: number, activities: readonly string[]];

const ROWS: readonly Row[] = [
  ['c1', 40, 0.1, ['Triage request', 'Issue refund']],
  ['c2', 80, 0.2, ['Triage request', 'Manual review', 'Issue refund']],
  ['c3', 700, 0.9, ['Triage request', 'Reject request', 'Send survey']],
  ['c4', 300, 0.5, ['Triage request', 'Manual review', 'Issue refund']],
  ['c5', 50, 0.1, ['Triage request', 'Call customer']],
];

/** The five cases as recorded cases (case attributes amount and fraudScore, events without timestamps). */
export function workedExampleCases(): RecordedCase[] {
  return ROWS.map(([caseId, amount, fraudScore, activities]) => ({
    caseId,
    attributes: { amount, fraudScore },
    events: activities.map((activity) => ({ activity })),
  }));
}

/**
 * The five cases as a CSV log (case_id, activity, timestamp, amount, fraudScore), one event a minute from
 * 2024-05-01T10:00Z in table order, the case attributes repeated on every row as an export would.
 */
export function workedExampleCsv(): string {
  const lines = ['case_id,activity,timestamp,amount,fraudScore'];
  let minute = 0;
  for (const [caseId, amount, fraudScore, activities] of ROWS) {
    for (const activity of activities) {
      const at = `2024-05-01T10:${String(minute++).padStart(2, '0')}:00Z`;
      lines.push(`${caseId},${activity},${at},${amount},${fraudScore}`);
    }
  }
  return lines.join('\n');
}

/** The totals DESIGN.md lists for the worked example (humanTouchesPerCase is not in DESIGN's list). */
export const WORKED_EXAMPLE_TOTALS: Omit<Totals, 'humanTouchesPerCase'> = {
  cases: 5,
  conformant: 3,
  deviations: 2,
  trailingEvents: 0,
  steps: 9,
  autoSteps: 2,
  autoErrors: 1,
  suggestSteps: 1,
  overrides: 0,
  humanSteps: 6,
  abstentions: 0,
  agree: 8,
  disagree: 1,
  guardrailTrips: 0,
  overrideRate: 0,
  automationRate: 2 / 9,
  autoErrorRate: 0.5,
};
