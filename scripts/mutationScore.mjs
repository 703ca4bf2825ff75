// The mutation score as Stryker defines it (mutation-testing-metrics): detected (Killed, Timeout) over
// valid mutants (detected + Survived + NoCoverage); CompileError/RuntimeError are invalid and Ignored
// (static mutants skipped with --ignoreStatic, `Stryker disable` comments) are left out of both.

/** @param {{ files: Record<string, { mutants: { status: string }[] }> }} report a Stryker JSON report */
export function folderScore(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, invalid: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status in counts && m.status !== 'invalid') counts[m.status]++;
      else counts.invalid++;
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, detected, valid, score: valid === 0 ? null : (100 * detected) / valid };
}

/** @param {ReturnType<typeof folderScore>} s */
export function formatScore(s) {
  const pct = s.score === null ? 'n/a' : `${s.score.toFixed(1)}%`;
  return `${pct} (${s.Killed} killed, ${s.Timeout} timeout, ${s.Survived} survived, ${s.NoCoverage} no coverage, ${s.Ignored} ignored, ${s.invalid} invalid)`;
}
