/**
 * The release record in the HTML report: version, content hash, when and in which formats it was
 * exported, who signed off raised tiers, when, their note, and the evidence they were shown (per
 * raised branch: disagreement with its 95% Wilson interval and cases; the run's dataset and
 * graph hash). Every piece of text is escaped.
 */
import { pct } from '../../replay/formatText';
import type { ReleaseRecord } from '../xstateJson';
import { escapeHtml as e } from './escape';

export function releaseSection(release: ReleaseRecord | undefined): string {
  if (!release)
    return '<h2>Release</h2><p class="muted" data-release="none">Not released yet: this report belongs to no exported version.</p>';
  const s = release.signOff;
  const raised = release.tiersRaised.length
    ? `<ul>${release.tiersRaised.map((t) => `<li><code>${e(t.id)}</code>: ${e(t.from)} → ${e(t.to)}</li>`).join('')}</ul>`
    : '<p>No tier was raised in this release.</p>';
  const ev = s?.evidence;
  const run = ev?.run
    ? `<p data-release="evidence-run">Evidence shown: run on <b>${e(ev.run.datasetName)}</b>, ${e(ev.run.cases)} cases, graph <code>${e(ev.run.graphHash)}</code>${ev.run.stale ? ' — <b>stale</b> (an older version of the graph)' : ''}.</p>`
    : s
      ? '<p data-release="evidence-run">Evidence shown: none (no run of this graph at sign-off).</p>'
      : '';
  const branches = (ev?.branches ?? []).map(
    (b) => `<tr data-evidence="${e(b.branch)}"><td>${e(b.label)}</td><td>${e(b.from)} → ${e(b.to)}</td>
<td class="n">${b.disagreement ? `${pct(b.disagreement.rate)} <span class="muted">[${pct(b.disagreement.low)}–${pct(b.disagreement.high)}] ${e(b.disagreement.k)}/${e(b.disagreement.n)}</span>` : '–'}</td><td class="n">${e(b.cases)}</td><td>${b.warnings.map((w) => e(w)).join('<br>')}</td></tr>`,
  );
  return `<h2>Release</h2>
<dl class="facts">
<dt>Version</dt><dd data-release="version">${e(release.version)}</dd>
<dt>Content hash</dt><dd><code data-release="hash">${e(release.contentHash)}</code></dd>
<dt>Released</dt><dd>${e(release.at)} <span class="muted">(${e((release.formats ?? [release.format]).join(', '))})</span></dd>
${s ? `<dt>Signed off by</dt><dd data-release="signer">${e(s.by)}</dd><dt>Signed off at</dt><dd>${e(s.at)}</dd>${s.note ? `<dt>Note</dt><dd data-release="note">${e(s.note)}</dd>` : ''}` : '<dt>Sign-off</dt><dd>none needed (no tier raised)</dd>'}
</dl>
<h3>Tiers raised</h3>${raised}
${run}
${branches.length ? `<div class="scroll"><table><thead><tr><th>raised branch</th><th>tier</th><th>disagreement</th><th>cases</th><th>warnings</th></tr></thead><tbody>${branches.join('\n')}</tbody></table></div>` : ''}`;
}
