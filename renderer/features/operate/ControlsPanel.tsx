/**
 * Kill switches (graph, each agent, each tool), drain and roll back last N. Every change asks
 * first, saying what it changes (from the run book); a rollback shows the undo calls it will make
 * before it runs. The service checks the operator role and audits each request with its token.
 */
import { useMemo, useState } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { confirmAction } from '../../ui/confirm';
import { useOperate } from './operateStore';
import { buildRunbook, type RunbookSwitch } from './runbook';
import type { UndoPreview } from './types';

const switchId = (s: RunbookSwitch) => (s.scope === 'graph' ? 'graph' : `${s.scope}:${s.name}`);

async function flip(s: RunbookSwitch, paused: boolean) {
  const what = s.scope === 'graph' ? 'the whole graph' : `${s.scope} ${s.name}`;
  const ok = await confirmAction({
    title: paused ? `Pause ${what}?` : `Resume ${what}?`,
    message: paused
      ? s.effect
      : `Automatic steps that ${what} paused run on their own again, as the graph and rollout allow.`,
    confirmLabel: paused ? 'Pause' : 'Resume',
    danger: paused,
  });
  if (!ok) return;
  await useOperate
    .getState()
    .act('operate', `${paused ? 'Pause' : 'Resume'} ${what}`, (c) =>
      c.put('/controls/kill-switch', { scope: s.scope, ...(s.scope === 'graph' ? {} : { name: s.name }), paused }),
    );
}

async function setDrain(draining: boolean) {
  const ok = await confirmAction({
    title: draining ? 'Drain the service?' : 'Stop draining?',
    message: draining
      ? 'No new cases are accepted (POST /cases answers 503); cases in flight run to their end.'
      : 'New cases are accepted again.',
    confirmLabel: draining ? 'Drain' : 'Accept new cases',
    danger: draining,
  });
  if (ok)
    await useOperate
      .getState()
      .act('operate', draining ? 'Drain' : 'Stop draining', (c) => c.put('/controls/drain', { draining }));
}

function Rollback({ agents }: { agents: string[] }) {
  const [agent, setAgent] = useState(agents[0] ?? '');
  const [n, setN] = useState(3);
  const [preview, setPreview] = useState<UndoPreview[] | null>(null);
  const [results, setResults] = useState<Array<{
    caseId: string;
    tool: string;
    undoTool: string | null;
    ok: boolean;
    error?: string;
  }> | null>(null);
  const client = useOperate((s) => s.client);
  const load = async () => {
    if (!client) return;
    setResults(null);
    try {
      setPreview(
        (await client.get<{ calls: UndoPreview[] }>(`/rollback/preview?agent=${encodeURIComponent(agent)}&n=${n}`))
          .calls,
      );
    } catch (e) {
      useOperate.setState({ outcome: { text: `Preview: ${e instanceof Error ? e.message : String(e)}`, tone: 'bad' } });
    }
  };
  const run = async () => {
    if (!preview?.length) return;
    const ok = await confirmAction({
      title: `Roll back ${agent}'s last ${preview.length} actions?`,
      message: preview.map((p) => `${p.caseId}: ${p.impossible ?? `${p.undoTool}(${p.tool})`}`).join('; '),
      confirmLabel: 'Roll back',
      danger: true,
    });
    if (!ok) return;
    await useOperate.getState().act('operate', `Roll back ${agent}'s last ${n}`, async (c) => {
      const r = await c.post<{ results: NonNullable<typeof results> }>('/rollback', { agent, n });
      setResults(r.results);
      setPreview(null);
    });
  };
  return (
    <section className="operate-rollback" data-testid="operate-rollback">
      <h4>Roll back an agent's last actions</h4>
      <div className="operate-actions">
        <select
          className="nokey"
          value={agent}
          onChange={(e) => {
            setAgent(e.target.value);
            setPreview(null);
          }}
          aria-label="Agent"
        >
          {agents.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <label>
          last{' '}
          <input
            className="nokey"
            type="number"
            min={1}
            max={1000}
            value={n}
            onChange={(e) => {
              setN(Math.max(1, Math.min(1000, Number(e.target.value) || 1)));
              setPreview(null);
            }}
            data-testid="rollback-n"
            aria-label="How many actions"
          />
        </label>
        <button onClick={() => void load()} data-testid="rollback-preview" disabled={!agent}>
          Preview undo calls
        </button>
      </div>
      {preview && (
        <>
          {preview.length === 0 ? (
            <p className="muted">Nothing to roll back: no action of {agent} is left undone.</p>
          ) : (
            <ol className="operate-list" data-testid="rollback-calls">
              {preview.map((p) => (
                <li key={`${p.caseId}-${p.at}`}>
                  <b>{p.caseId}</b> {p.state}:{' '}
                  {p.impossible ? (
                    <span className="tone-bad">{p.impossible} — listed, not undone</span>
                  ) : (
                    <>
                      <code>{p.undoTool}</code> undoes <code>{p.tool}</code> <code>{JSON.stringify(p.params)}</code>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
          <button
            className="danger-solid"
            disabled={!preview.length}
            onClick={() => void run()}
            data-testid="rollback-run"
          >
            Roll back {preview.length}
          </button>
        </>
      )}
      {results && (
        <ul className="operate-list" data-testid="rollback-results">
          {results.map((r) => (
            <li key={`${r.caseId}-${r.tool}-${r.undoTool}`}>
              {r.caseId}: {r.ok ? `${r.undoTool} done` : `not undone: ${r.error}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ControlsPanel() {
  const doc = useEditor((s) => s.doc);
  const book = useMemo(() => buildRunbook(doc, flattenMachine(doc.machine)), [doc]);
  const controls = useOperate((s) => s.snapshot?.controls);
  const paused = new Set(controls?.paused ?? []);
  return (
    <section className="operate-controls" data-testid="operate-controls">
      <h3>Kill switches</h3>
      <ul className="operate-switches">
        {book.switches.map((s) => {
          const on = paused.has(switchId(s));
          return (
            <li key={switchId(s)} data-testid="kill-switch" data-switch={switchId(s)} data-paused={on}>
              <span>
                <b>{s.scope === 'graph' ? 'Whole graph' : s.name}</b>{' '}
                <span className="muted">
                  {s.scope}
                  {s.owner ? ` · ${s.owner}` : ''}
                </span>
                <br />
                <span className="muted small">{s.effect}</span>
              </span>
              <button
                className={on ? 'primary-button' : 'danger'}
                onClick={() => void flip(s, !on)}
                data-testid="kill-switch-toggle"
              >
                {on ? 'Resume' : 'Pause'}
              </button>
            </li>
          );
        })}
      </ul>
      <h3>Drain</h3>
      <div className="operate-actions">
        <span data-testid="drain-state">{controls?.draining ? 'Draining: no new cases.' : 'Accepting new cases.'}</span>
        <button
          className={controls?.draining ? 'primary-button' : 'danger'}
          onClick={() => void setDrain(!controls?.draining)}
          data-testid="drain-toggle"
        >
          {controls?.draining ? 'Stop draining' : 'Drain'}
        </button>
        <span className="muted">rollout {controls?.rollout ?? '…'}</span>
      </div>
      <Rollback agents={Object.keys(doc.agents ?? {})} />
    </section>
  );
}
