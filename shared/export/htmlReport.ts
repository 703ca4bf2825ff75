/**
 * The simulation report: ONE self-contained HTML file a risk reviewer opens without the app.
 * No network and no script: inline CSS (allowed by its SHA-256 in a strict CSP meta, so not even
 * 'unsafe-inline'), an inline SVG picture of the graph, and tables. Every piece of text from the
 * document or the data is escaped.
 *
 * Contents: graph name, version, content hash and rollout; the release record (signer, note,
 * evidence shown at sign-off); the dataset the figures came from;
 * totals; per-branch marked tiers and figures with 95% Wilson intervals; per-state figures;
 * where cases deviated; recommendations; anything the run flagged.
 */
import { flattenMachine } from '../model/flatten';
import type { GraphDoc } from '../model/types';
import { pct } from '../replay/formatText';
import type { SimulationResult, TransitionReport } from '../replay/result';
import type { RateInterval } from '../replay/wilson';
import { contentHash } from './contentHash';
import { agentsSection, type AgentsReport } from './report/agentsSection';
import { escapeHtml as e } from './report/escape';
import { graphSvg, TIER_COLOURS } from './report/graphSvg';
import { releaseSection } from './report/releaseSection';
import type { ReleaseRecord } from './xstateJson';

/** Where the figures came from. */
export interface DatasetInfo {
  name: string;
  fileName?: string;
  cases: number;
  events?: number;
  /** ms since epoch, when the data has timestamps. */
  firstTimestamp?: number | null;
  lastTimestamp?: number | null;
}

export interface HtmlReportInput {
  doc: GraphDoc;
  result: SimulationResult;
  dataset: DatasetInfo;
  /** When the report was made; injectable for tests. */
  generatedAt?: Date;
  /** The release this report belongs to (signer, note, evidence); absent: not released. */
  release?: ReleaseRecord;
  /** Agent policies compared side by side over the same data (issue #12); absent: no section. */
  agents?: AgentsReport;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:0;background:#fff}
main{max-width:1240px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.sub{color:#57606a;margin:0 0 16px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.facts dt{color:#57606a}dl.facts dd{margin:0;font-variant-numeric:tabular-nums}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.card{border:1px solid #d0d7de;border-radius:8px;padding:10px}
.card b{display:block;font-size:20px;font-variant-numeric:tabular-nums}.card span{color:#57606a;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #eaeef2;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
.scroll{overflow-x:auto}td.branch{min-width:240px}
.tier{font-weight:600}.tier-auto{color:${TIER_COLOURS.auto}}.tier-suggest{color:${TIER_COLOURS.suggest}}.tier-human{color:${TIER_COLOURS.human}}
.figure{overflow:auto;border:1px solid #d0d7de;border-radius:8px;padding:8px}
.muted{color:#57606a}ul{padding-left:20px}
h3{font-size:15px;margin:18px 0 4px}.partial{border-left:3px solid #d97706;padding-left:8px}
@media print{.figure{overflow:visible}}
`.trim();

const ci = (r: RateInterval | null | undefined) =>
  r
    ? `${pct(r.rate)}<br><span class="muted">[${pct(r.low)}–${pct(r.high)}] n=${r.n}</span>`
    : '<span class="muted">–</span>';
const date = (ms: number | null | undefined) =>
  typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
const tier = (t: string) => `<span class="tier tier-${e(t)}">${e(t)}</span>`;

function branchLabel(doc: GraphDoc, id: string, r: TransitionReport, guards: Map<string, string | null>): string {
  const guard = guards.get(id);
  return `<code>${e(r.source)}</code> → <code>${e(r.target)}</code><br><span class="muted">${r.event === null ? 'automatic' : `on <code>${e(r.event)}</code>`}${guard ? ` if <code>${e(guard)}</code>` : ''}</span>`;
}

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Render the report. Async: it lays out the graph and hashes the content. */
export async function htmlReport(input: HtmlReportInput): Promise<string> {
  const { doc, result, dataset } = input;
  const t = result.totals;
  const hash = await contentHash(doc);
  const flat = flattenMachine(doc.machine);
  const guards = new Map(flat.transitions.map((x) => [x.id, x.guardExpr]));
  const svg = await graphSvg(doc, result.perTransition);
  const generated = (input.generatedAt ?? new Date()).toISOString();
  const from = date(dataset.firstTimestamp);
  const to = date(dataset.lastTimestamp);

  const cards: Array<[string, string]> = [
    ['cases', String(t.cases)],
    ['conformant', `${t.conformant} <span>(${pct(t.cases ? t.conformant / t.cases : null)})</span>`],
    ['deviations', String(t.deviations)],
    ['steps', String(t.steps)],
    ['automation rate', pct(t.automationRate)],
    ['override rate', pct(t.overrideRate)],
    ['auto error rate', pct(t.autoErrorRate)],
    ['human touches / case', t.humanTouchesPerCase === null ? '–' : t.humanTouchesPerCase.toFixed(2)],
    ['guardrail trips', String(t.guardrailTrips)],
    ['abstentions', String(t.abstentions)],
  ];
  // time saved is handling time only (DESIGN "Time"); without it the report says why, never 0
  if (typeof t.timeSavedMs === 'number') cards.push(['time saved', `${(t.timeSavedMs / 3_600_000).toFixed(1)} h`]);
  else if (t.timeSavedMs === null)
    cards.push([
      'time saved',
      `<span>not measurable: ${e(t.timeSavedReason ?? 'this log has no start/complete times')}</span>`,
    ]);

  const branches = Object.entries(result.perTransition).map(
    ([
      id,
      r,
    ]) => `<tr data-transition="${e(id)}"><td class="branch">${branchLabel(doc, id, r, guards)}</td><td>${tier(r.markedTier)}</td>
<td class="n">${r.agentChoices}</td><td class="n">${r.humanChoices}</td><td class="n">${r.agree}</td><td class="n">${r.disagree}</td>
<td class="n">${r.overrides}</td><td class="n">${r.autoErrors}</td><td class="n">${r.guardrailTrips}</td>
<td class="n">${ci(r.rates.disagreement)}</td><td class="n">${ci(r.rates.override)}</td><td class="n">${ci(r.rates.autoError)}</td></tr>`,
  );
  const states = Object.entries(result.perState).map(
    ([
      key,
      s,
    ]) => `<tr data-state="${e(key)}"><td><code>${e(key)}</code><br><span class="muted">${e(flat.states.get(key)?.activity ?? '')}</span></td>
<td class="n">${s.visits}</td><td class="n">${s.deviations}</td><td class="n">${s.autoSteps}</td><td class="n">${s.suggestSteps}</td><td class="n">${s.humanSteps}</td>
<td class="n">${s.abstentions}</td><td class="n">${s.guardErrors}</td><td class="n">${ci(s.rates.agreement)}</td><td class="n">${ci(s.rates.deviation)}</td></tr>`,
  );
  const deviations = Object.entries(result.perState)
    .filter(([, s]) => s.deviations > 0)
    .sort((a, b) => b[1].deviations - a[1].deviations)
    .map(
      ([key, s]) =>
        `<li><code>${e(key)}</code> (${e(flat.states.get(key)?.activity ?? key)}): ${s.deviations} case${s.deviations === 1 ? '' : 's'} did something the SOP does not cover — ${ci(s.rates.deviation).replace('<br>', ' ')}</li>`,
    );
  const recs = result.recommendations.map(
    (r) =>
      `<li><b>${e(r.action)}</b> <code>${e(r.transitionId)}</code> from ${tier(r.from)} to ${tier(r.to)}: rate ${pct(r.rate)}, Wilson ${r.action === 'promote' ? 'upper' : 'lower'} bound ${pct(r.bound)} vs threshold ${pct(r.threshold)}, n=${r.n}. <span class="muted">${e(r.reason)}</span></li>`,
  );
  const problems = result.health.problems.map((p) => `<li>${e(p)}</li>`);

  const body = `<main>
<h1>${e(doc.name)}</h1>
<p class="sub">Simulation report · SOP Studio · generated ${e(generated)}</p>
<dl class="facts">
<dt>Graph version</dt><dd data-fact="version">${e(doc.version)}</dd>
<dt>Content hash</dt><dd><code data-fact="hash">${e(hash)}</code></dd>
<dt>Rollout stage scored</dt><dd>${e(result.rollout)} <span class="muted">(document: ${e(doc.rollout)})</span></dd>
<dt>Dataset</dt><dd data-fact="dataset">${e(dataset.name)}${dataset.fileName ? ` <span class="muted">(${e(dataset.fileName)})</span>` : ''}</dd>
<dt>Cases / events</dt><dd>${e(dataset.cases)}${dataset.events !== undefined ? ` / ${e(dataset.events)}` : ''}</dd>
${from ? `<dt>Period</dt><dd>${e(from)} – ${e(to ?? from)}</dd>` : ''}
</dl>
${releaseSection(input.release)}
<h2>Totals</h2>
<div class="cards">${cards.map(([k, v]) => `<div class="card" data-total="${e(k)}"><b>${v}</b><span>${e(k)}</span></div>`).join('')}</div>
<h2>Graph</h2>
<p class="muted">Edges are coloured by marked tier: ${tier('auto')}, ${tier('suggest')}, ${tier('human')}; labels show agent agreement (agreed / agent choices).</p>
<div class="figure">${svg}</div>
<h2>Branches</h2>
<p class="muted">Rates with 95% Wilson intervals. Disagreement: the agent chose this branch and people did something else.</p>
<div class="scroll"><table><thead><tr><th>branch</th><th>tier</th><th>agent</th><th>people</th><th>agree</th><th>disagree</th><th>overrides</th><th>auto errors</th><th>trips</th><th>disagreement</th><th>override</th><th>auto error</th></tr></thead>
<tbody>${branches.join('\n')}</tbody></table></div>
<h2>States</h2>
<div class="scroll"><table><thead><tr><th>state</th><th>visits</th><th>deviations</th><th>auto</th><th>suggest</th><th>human</th><th>abstained</th><th>guard errors</th><th>agreement</th><th>deviation</th></tr></thead>
<tbody>${states.join('\n')}</tbody></table></div>
<h2>Deviations</h2>
${deviations.length ? `<ul>${deviations.join('')}</ul>` : '<p>No case left the SOP.</p>'}
<h2>Recommendations</h2>
<p class="muted">Policy: threshold ${pct(result.recommendationPolicy.threshold)}, at least ${e(result.recommendationPolicy.minCases)} cases.</p>
${recs.length ? `<ul>${recs.join('')}</ul>` : '<p>No tier change is supported by the data.</p>'}
${agentsSection(input.agents)}
${problems.length || result.health.stuckCases || result.health.guardErrors ? `<h2>Run health</h2><p>Stuck cases: ${e(result.health.stuckCases)}; guard errors: ${e(result.health.guardErrors)}.</p><ul>${problems.join('')}</ul>` : ''}
</main>`;

  const csp = `default-src 'none'; style-src 'sha256-${await sha256Base64(CSS)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="SOP Studio">
<title>${e(`${doc.name} v${doc.version} — simulation report`)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
