/** Left sidebar: the project list and the open project's version history. */
import { useState } from 'react';
import { HistoryPanel } from '../history/HistoryPanel';
import { ProjectList } from './ProjectList';

export function Sidebar({ onNew }: { onNew(): void }) {
  const [tab, setTab] = useState<'projects' | 'history'>('projects');
  return (
    <aside className="sidebar" data-testid="sidebar">
      <nav className="tabs" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'projects'}
          data-testid="tab-projects"
          onClick={() => setTab('projects')}
        >
          Graphs
        </button>
        <button
          role="tab"
          aria-selected={tab === 'history'}
          data-testid="tab-history"
          onClick={() => setTab('history')}
        >
          History
        </button>
      </nav>
      <div className="sidebar__body">{tab === 'projects' ? <ProjectList onNew={onNew} /> : <HistoryPanel />}</div>
    </aside>
  );
}
