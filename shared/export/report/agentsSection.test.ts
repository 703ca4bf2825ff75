/**
 * The report's agent section, read back from the HTML: the figures per policy and branch match
 * what is counted directly over the generated history (and a Wilson interval computed here),
 * names are escaped, and the report stays script-free under its CSP.
 */
import { describe, expect, it } from 'vitest';
import { compareAgents, recordedPolicy, RULES } from '../../agents';
import { plantedHistory, refundGraph } from '../../agents/testHistory';
import { simulate } from '../../replay/aggregate';
import { htmlReport } from '../htmlReport';
import { agentsSection } from './agentsSection';

const history = plantedHistory(300, 11);
// a recorded agent that always proposed "Refund", in a column whose name is markup
const COLUMN = '<img src=x onerror=alert(1)>';
const withProposals = history.map((c) => ({
  ...c,
  events: c.events.map((ev, i) => (i === 1 ? { ...ev, attributes: { ...ev.attributes, [COLUMN]: 'Refund' } } : ev)),
}));

/** 95% Wilson score interval, written out here as the oracle. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959964;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [c - h, c + h];
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The HTML of one policy's section, and a `data-fig` figure in one of its branch rows. */
function policyHtml(html: string, policy: string): string {
  const start = html.indexOf(`<section class="policy" data-policy="${policy}">`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</section>', start));
}
function fig(section: string, transition: string, name: string): string {
  const at = section.indexOf(`data-transition="${transition}"`);
  expect(at).toBeGreaterThan(0);
  const row = section.slice(at, section.indexOf('</tr>', at));
  return new RegExp(`data-fig="${name}">(.*?)</td>`).exec(row)?.[1] ?? '(no such figure)';
}

describe('agents section of the HTML report', () => {
  it('per policy and branch: disagreement with its Wilson interval, abstentions, earned tier; coverage summary', async () => {
    const cmp = await compareAgents(refundGraph, withProposals, [RULES, recordedPolicy(COLUMN)], {
      policy: { threshold: 0.05, minCases: 30 },
    });
    const html = await htmlReport({
      doc: refundGraph,
      result: await simulate(refundGraph, withProposals),
      dataset: { name: 'planted', cases: history.length },
      agents: { comparison: cmp, threshold: 0.05, minCases: 30 },
    });

    // counted over the history: rules refunds every amount ≤ 500; people reviewed silver ones over 300
    const refundable = history.filter((c) => (c.attributes.amount as number) <= 500);
    const wrong = refundable.filter(
      (c) => c.attributes.tier === 'silver' && (c.attributes.amount as number) > 300,
    ).length;
    const [lo, hi] = wilson(wrong, refundable.length);
    const rules = policyHtml(html, 'rules');
    expect(fig(rules, 'triage|always||0', 'disagreement')).toBe(
      `${pct(wrong / refundable.length)} <span class="muted">[${pct(lo)}–${pct(hi)}] n=${refundable.length}</span>`,
    );
    // its upper bound is over 5%: not auto; with lo also over 5% it earns human, else suggest
    expect(fig(rules, 'triage|always||0', 'earned')).toContain(lo > 0.05 ? '>human<' : '>suggest<');
    // rules takes every step (no confidences): one point, all steps, its error rate
    expect(rules).toMatch(/data-fig="coverage-none">no confidence threshold meets 5\.0%/);

    // the recorded agent proposed Refund on every case: wrong wherever people reviewed
    const reviewed = history.filter((c) => c.events[1]!.activity === 'Review').length;
    const name = '<img src=x onerror=alert(1)>';
    expect(html).not.toContain(name);
    const escaped = `recorded:${name}`
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
    const rec = policyHtml(html, escaped);
    const [rlo, rhi] = wilson(reviewed, history.length);
    expect(fig(rec, 'triage|always||0', 'disagreement')).toBe(
      `${pct(reviewed / history.length)} <span class="muted">[${pct(rlo)}–${pct(rhi)}] n=${history.length}</span>`,
    );
    expect(fig(rec, 'triage|always||0', 'abstentions')).toBe('0');
    // it never chose triage → review nor abstained where people took it: that branch has no row
    expect(rec).not.toContain('data-transition="triage|always||1"');
    expect(rules).toContain('data-transition="triage|always||1"');
    expect(html).toContain('data-fig="target">5.0%');
  });

  it('with a confidence curve: the threshold meeting the target and its share; partial results said', () => {
    const base = {
      policy: 'model',
      kind: 'model' as const,
      threshold: 0,
      branches: {},
      invalid: 2,
      unanswered: 7,
      accuracy: {},
      result: { totals: { steps: 10, agree: 6, disagree: 2, abstentions: 2 }, perTransition: {} },
    };
    const coverage = [
      { threshold: 0, share: 0.8, errorRate: 0.25 },
      { threshold: 0.5, share: 0.6, errorRate: 0.04 },
      { threshold: 0.9, share: 0.2, errorRate: 0 },
    ];
    const html = agentsSection({
      comparison: { evaluatedOn: 'all', policies: [{ ...base, coverage } as never] },
      threshold: 0.05,
      minCases: 30,
      partial: 'the call budget ran out',
    });
    expect(html).toContain('data-fig="coverage-threshold">0.50</b>');
    expect(html).toContain('data-fig="coverage-share">60.0%</b>');
    expect(html).toContain('data-fig="coverage-error">4.0%</b>');
    expect(html).toContain('data-fig="unanswered">7</b>');
    expect(html).toContain('data-fig="partial"><b>Partial results:</b> the call budget ran out');
    expect(agentsSection(undefined)).toBe('');
  });

  it('keeps the report script-free under its CSP', async () => {
    const cmp = await compareAgents(refundGraph, withProposals, [RULES, recordedPolicy(COLUMN)]);
    const html = await htmlReport({
      doc: refundGraph,
      result: await simulate(refundGraph, withProposals),
      dataset: { name: 'planted', cases: history.length },
      agents: { comparison: cmp, threshold: 0.05, minCases: 30 },
    });
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; img-src data:/,
    );
  });
});
