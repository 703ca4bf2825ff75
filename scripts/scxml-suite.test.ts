import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report, runSuite, tally } from './scxml-suite';

/** Measured on 2026-11-24 (see shared/export/scxml/SUITE.md): the floor a change may not go below. */
const MEASURED_PASS = 116;

describe('SCXML suite through import → XState', () => {
  const results = runSuite();

  it(`passes at least ${MEASURED_PASS} cases, comparing full configurations`, () => {
    const t = tally(results);
    expect(t.total).toBe(316);
    expect(t.pass).toBeGreaterThanOrEqual(MEASURED_PASS);
  });

  it('SUITE.md is the report of the current run (regenerate with scripts/scxml-suite.ts --write)', () => {
    const md = readFileSync(join(import.meta.dirname, '..', 'shared', 'export', 'scxml', 'SUITE.md'), 'utf8');
    expect(md).toBe(report(results));
  });

  it('a case that should fail does fail (the comparison is not vacuous)', () => {
    const basic = results.find((r) => r.name === 'basic/basic1')!;
    expect(basic.outcome.status).toBe('pass');
    const xml =
      '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><transition event="t" target="b"/></state><state id="b"/><state id="c"/></scxml>';
    return import('../shared/export/scxml/suiteCase').then(({ runSuiteCase }) => {
      expect(
        runSuiteCase(xml, { initialConfiguration: ['a'], events: [{ event: { name: 't' }, nextConfiguration: ['c'] }] })
          .status,
      ).toBe('fail');
      expect(runSuiteCase(xml, { initialConfiguration: ['a', 'b'], events: [] }).status).toBe('fail');
    });
  });
});
