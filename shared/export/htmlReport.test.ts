import { describe, expect, it } from 'vitest';
import type { GraphDoc, RecordedCase } from '../model/types';
import { simulate } from '../replay/aggregate';
import { workedExampleCases } from '../replay/workedExample.fixture';
import { SAMPLES } from './__fixtures__/graphs';
import { contentHash } from './contentHash';
import { htmlReport } from './htmlReport';

const doc = (): GraphDoc => structuredClone(SAMPLES['refund.sop.json']!);
/** DESIGN.md's worked example. */
const cases: RecordedCase[] = workedExampleCases();
const dataset = {
  name: 'Worked example',
  fileName: 'refunds.csv',
  cases: 5,
  events: 13,
  firstTimestamp: Date.UTC(2024, 0, 2),
  lastTimestamp: Date.UTC(2024, 2, 30),
};

describe('htmlReport', () => {
  it('shows identity, dataset, totals, branch figures with intervals, deviations', async () => {
    const g = doc();
    const html = await htmlReport({
      doc: g,
      result: await simulate(g, cases),
      dataset,
      generatedAt: new Date('2026-11-24T00:00:00Z'),
    });
    expect(html).toContain('<h1>Refund requests</h1>');
    expect(html).toContain(`<code data-fact="hash">${await contentHash(g)}</code>`);
    expect(html).toContain('<dd data-fact="version">3</dd>');
    expect(html).toContain('Worked example');
    expect(html).toContain('2024-01-02 – 2024-03-30');
    expect(html).toMatch(/data-total="automation rate"><b>22\.2%<\/b>/); // 2/9
    expect(html).toMatch(/data-total="auto error rate"><b>50\.0%<\/b>/);
    expect(html).toMatch(/data-total="deviations"><b>2<\/b>/);
    // the auto branch triage → refund: agent chose it 3 times (c1, c2, c5), people agreed once (c1)… c5 deviated, so 2 choices
    const row = html.slice(
      html.indexOf('data-transition="triage|always||0"'),
      html.indexOf('</tr>', html.indexOf('data-transition="triage|always||0"')),
    );
    expect(row).toContain('tier-auto');
    expect(row).toMatch(/50\.0%<br><span class="muted">\[\d+\.\d%–\d+\.\d%\] n=2<\/span>/); // disagreement 1/2 with its Wilson interval
    expect(html).toMatch(/<code>reject<\/code> \(Reject request\): 1 case did something/);
    expect(html).toMatch(/<svg [^>]*role="img"/);
  });

  it('is self-contained: strict CSP, no script, no external reference', async () => {
    const g = doc();
    const html = await htmlReport({ doc: g, result: await simulate(g, cases), dataset });
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/,
    );
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(http/i);
    const urls = html.match(/(?:https?:)?\/\/[^\s"'<)]+/g) ?? [];
    expect(urls.filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect(html).not.toMatch(/ style="/);
  });

  it('escapes hostile names everywhere', async () => {
    const g = doc();
    g.name = '<img src=x onerror=alert(1)>';
    g.machine.states!['<script>alert(1)</script>'] = {
      meta: { activity: '"><script>alert(2)</script>' },
      on: { '<b class="pwn">': 'done' },
    };
    g.machine.states!.review!.on!['<i class="pwn">x</i>'] = '<script>alert(1)</script>';
    const html = await htmlReport({
      doc: g,
      result: await simulate(g, cases),
      dataset: { ...dataset, name: '</dd><script>x</script>' },
    });
    expect(html).not.toMatch(/<script|<img|class="pwn"/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
