/**
 * The on-call workspace, shown beside the canvas in 'operate' mode: connect, then the inbox,
 * controls (kill switches, drain, rollback), the run book, the per-case timeline and the live
 * evidence. It paints the live case counts on the canvas through the editor store's overlay and
 * clears it when it goes away.
 */
import { UnplugIcon } from '../../ui/icons';
import { useEffect, useMemo } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { ConnectForm } from './ConnectForm';
import { ControlsPanel } from './ControlsPanel';
import { EvidencePanel } from './EvidencePanel';
import { InboxPanel } from './InboxPanel';
import { buildLiveOverlay } from './liveOverlay';
import { useOperate, type OperateTab } from './operateStore';
import { OutcomeLine } from './Outcome';
import { RunbookPanel } from './RunbookPanel';
import { TimelinePanel } from './TimelinePanel';
import './operate.css';

const TABS: Array<{ id: OperateTab; label: string }> = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'controls', label: 'Controls' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'runbook', label: 'Run book' },
];

function useLiveOverlay() {
  const snapshot = useOperate((s) => s.snapshot);
  const health = useOperate((s) => s.health);
  const machine = useEditor((s) => s.doc.machine);
  const flat = useMemo(() => flattenMachine(machine), [machine]);
  const setOverlay = useEditor((s) => s.setOverlay);
  useEffect(() => {
    if (!snapshot) return setOverlay(null);
    setOverlay(buildLiveOverlay(flat, snapshot, `Live: ${health?.graph ?? 'service'} v${health?.version ?? '?'}`));
  }, [snapshot, flat, health, setOverlay]);
  useEffect(() => () => setOverlay(null), [setOverlay]);
}

function ReleaseNote() {
  const health = useOperate((s) => s.health);
  const name = useEditor((s) => s.doc.name);
  const version = useEditor((s) => s.doc.version);
  if (!health || (health.graph === name && health.version === version)) return null;
  return (
    <p className="operate-warning" data-testid="operate-release-note">
      The service runs {health.graph} v{health.version}; the open graph is {name} v{version ?? '?'}. Counts are drawn on
      the open graph by state name.
    </p>
  );
}

export function OperateWorkspace() {
  const phase = useOperate((s) => s.phase);
  const tab = useOperate((s) => s.tab);
  const setTab = useOperate((s) => s.setTab);
  const disconnect = useOperate((s) => s.disconnect);
  const inboxCount = useOperate((s) => s.snapshot?.inbox.length ?? 0);
  useLiveOverlay();
  if (phase !== 'connected')
    return (
      <section className="operate" data-testid="operate">
        <ConnectForm />
      </section>
    );
  return (
    <section className="operate" data-testid="operate">
      <nav className="sim-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            data-testid={`operate-tab-${t.id}`}
          >
            {t.label}
            {t.id === 'inbox' && inboxCount > 0 ? <span className="operate-badge">{inboxCount}</span> : null}
          </button>
        ))}
        <span className="tabs__spacer" />
        {/* at a narrow pane the word gives way to the icon so no tab is cut (operate.css) */}
        <button
          className="link-button operate-disconnect"
          onClick={disconnect}
          aria-label="Disconnect"
          title="Disconnect from the service"
          data-testid="operate-disconnect"
        >
          <UnplugIcon />
          <span className="operate-disconnect__text">Disconnect</span>
        </button>
      </nav>
      <ReleaseNote />
      <OutcomeLine />
      <div className="operate-body">
        {tab === 'inbox' && <InboxPanel />}
        {tab === 'controls' && <ControlsPanel />}
        {tab === 'timeline' && <TimelinePanel />}
        {tab === 'evidence' && <EvidencePanel />}
        {tab === 'runbook' && <RunbookPanel />}
      </div>
    </section>
  );
}
