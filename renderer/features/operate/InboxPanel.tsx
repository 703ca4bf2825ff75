/**
 * The approval inbox: the agent's draft (branch, tool call), the case fields the approver may
 * read and why the step waits; approve / edit (another branch) / reject with one click or a key
 * (A, E, R; J/K move), hand-offs decided by choosing the branch. The service checks the role.
 */
import { useEffect, useState } from 'react';
import { registerCommands, shortcutOf } from '../../app/commands';
import { formatShortcut } from '../../ui/formatShortcut';
import { useOperate } from './operateStore';
import { paramsText, parseParamsDraft } from './paramsDraft';
import type { InboxItem } from './types';

const enc = encodeURIComponent;

function approve(item: InboxItem) {
  return useOperate.getState().act('decide', `Approve ${item.id}`, (c) => c.post(`/inbox/${enc(item.id)}/approve`, {}));
}
function reject(item: InboxItem) {
  return useOperate
    .getState()
    .act('decide', `Reject ${item.id}`, (c) =>
      c.post(`/inbox/${enc(item.id)}/reject`, { reason: 'rejected in the console' }),
    );
}
function approveWithParams(item: InboxItem, params: Record<string, unknown>) {
  const transitionId = item.proposal!.transitionId;
  return useOperate
    .getState()
    .act('decide', `Approve ${item.id} with edited params`, (c) =>
      c.post(`/inbox/${enc(item.id)}/edit`, { transitionId, params }),
    );
}
function choose(item: InboxItem, transitionId: string, how: 'edit' | 'decide') {
  return useOperate
    .getState()
    .act('decide', `${how === 'edit' ? 'Approve with another branch' : 'Decide'} ${item.id}`, (c) =>
      c.post(`/inbox/${enc(item.id)}/${how}`, { transitionId }),
    );
}

const current = () => {
  const s = useOperate.getState();
  return s.inbox.find((i) => i.id === s.selectedItem) ?? null;
};
const move = (by: number) => {
  const s = useOperate.getState();
  const at = s.inbox.findIndex((i) => i.id === s.selectedItem);
  const next = s.inbox[Math.min(s.inbox.length - 1, Math.max(0, at + by))];
  if (next) s.selectItem(next.id);
};

function useInboxCommands(onEdit: () => void) {
  useEffect(
    () =>
      registerCommands([
        { id: 'inbox.approve', enabled: () => current()?.kind === 'suggest', run: () => void approve(current()!) },
        { id: 'inbox.reject', enabled: () => current()?.kind === 'suggest', run: () => void reject(current()!) },
        { id: 'inbox.edit', enabled: () => current()?.kind === 'suggest', run: onEdit },
        { id: 'inbox.next', run: () => move(1) },
        { id: 'inbox.previous', run: () => move(-1) },
      ]),
    [onEdit],
  );
}

const key = (id: Parameters<typeof shortcutOf>[0]) => formatShortcut(shortcutOf(id));

function Fields({ fields }: { fields: Record<string, unknown> }) {
  const entries = Object.entries(fields);
  if (!entries.length) return <p className="muted">No case fields are readable at this step.</p>;
  return (
    <table className="operate-fields" data-testid="inbox-fields">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The draft's tool params as JSON, checked as typed against what the service accepts. */
function ParamsEditor({ item, done }: { item: InboxItem; done(): void }) {
  const [text, setText] = useState(() => paramsText(item.proposal?.params));
  const draft = parseParamsDraft(text);
  return (
    <div className="operate-params" data-testid="inbox-params-editor">
      <label>
        Params for <code>{item.proposal!.tool}</code>{' '}
        <span className="muted">(JSON object; the service adds caseId)</span>
        <textarea
          className="nokey"
          data-testid="inbox-params"
          value={text}
          rows={Math.min(12, text.split('\n').length + 1)}
          spellCheck={false}
          aria-invalid={!draft.ok}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {!draft.ok && (
        <p className="operate-error" role="alert" data-testid="inbox-params-error">
          {draft.message}
        </p>
      )}
      <button
        className="primary-button"
        data-testid="inbox-approve-params"
        disabled={!draft.ok}
        onClick={() => draft.ok && void approveWithParams(item, draft.params).then((ok) => ok && done())}
      >
        Approve with these params
      </button>
    </div>
  );
}

function ItemDetail({
  item,
  editing,
  setEditing,
}: {
  item: InboxItem;
  editing: boolean;
  setEditing(v: boolean): void;
}) {
  const others = item.options.filter((o) => o.transitionId !== item.proposal?.transitionId);
  return (
    <article className="inbox-item" data-testid="inbox-detail">
      <header>
        <b>{item.caseId}</b> at <b>{item.goal}</b>{' '}
        <span className={`tier-chip tier-${item.tier}`}>{item.kind === 'suggest' ? 'suggestion' : 'hand-off'}</span>
        <button
          className="link-button"
          onClick={() => {
            useOperate.getState().selectCase(item.caseId);
            useOperate.getState().setTab('timeline');
          }}
        >
          Timeline
        </button>
      </header>
      {item.proposal ? (
        <p data-testid="inbox-draft">
          The agent drafts:{' '}
          <b>
            →{' '}
            {item.options.find((o) => o.transitionId === item.proposal!.transitionId)?.activity ?? item.proposal.target}
          </b>
          {item.proposal.tool ? (
            <>
              {' '}
              calling <code>{item.proposal.tool}</code> with <code>{JSON.stringify(item.proposal.params)}</code>
            </>
          ) : null}
        </p>
      ) : (
        <p className="muted">No draft: a person chooses the branch.</p>
      )}
      {item.reasons.length > 0 && (
        <p className="muted" data-testid="inbox-reasons">
          Why it waits: {item.reasons.map((r) => r.kind).join(', ')}
        </p>
      )}
      <Fields fields={item.fields} />
      {item.roles.length > 0 && <p className="muted">Decided by: {item.roles.join(', ')}</p>}
      <div className="operate-actions">
        {item.kind === 'suggest' ? (
          <>
            <button
              className="primary-button"
              data-testid="inbox-approve"
              onClick={() => void approve(item)}
              title={`Approve (${key('inbox.approve')})`}
            >
              Approve <kbd>{key('inbox.approve')}</kbd>
            </button>
            <button
              data-testid="inbox-edit"
              onClick={() => setEditing(!editing)}
              disabled={!others.length && !item.proposal?.tool}
              title={`Edit the tool params or approve another branch (${key('inbox.edit')})`}
            >
              Edit <kbd>{key('inbox.edit')}</kbd>
            </button>
            <button
              className="danger"
              data-testid="inbox-reject"
              onClick={() => void reject(item)}
              title={`Reject (${key('inbox.reject')})`}
            >
              Reject <kbd>{key('inbox.reject')}</kbd>
            </button>
          </>
        ) : (
          item.options.map((o) => (
            <button
              key={o.transitionId}
              data-testid="inbox-choose"
              onClick={() => void choose(item, o.transitionId, 'decide')}
            >
              {o.event ?? 'Go'} → {o.activity}
            </button>
          ))
        )}
      </div>
      {editing && item.kind === 'suggest' && (
        <>
          {item.proposal?.tool && <ParamsEditor item={item} done={() => setEditing(false)} />}
          {others.length > 0 && (
            <div className="operate-actions" data-testid="inbox-edit-options">
              <span className="muted">Approve instead:</span>
              {others.map((o) => (
                <button
                  key={o.transitionId}
                  onClick={() => void choose(item, o.transitionId, 'edit').then(() => setEditing(false))}
                >
                  → {o.activity}
                </button>
              ))}
            </div>
          )}
        </>
      )}
    </article>
  );
}

export function InboxPanel() {
  const inbox = useOperate((s) => s.inbox);
  const selected = useOperate((s) => s.selectedItem);
  const selectItem = useOperate((s) => s.selectItem);
  const [editing, setEditing] = useState(false);
  const item = inbox.find((i) => i.id === selected) ?? null;
  const [editingOf, setEditingOf] = useState(selected);
  if (selected !== editingOf) {
    setEditingOf(selected);
    setEditing(false);
  }
  useInboxCommands(() => setEditing(true));
  return (
    <section className="operate-inbox" data-testid="operate-inbox">
      <h3>
        Inbox <span className="muted">({inbox.length} waiting)</span>
      </h3>
      {inbox.length === 0 ? (
        <p className="muted" data-testid="inbox-empty">
          Nothing waits for you.
        </p>
      ) : (
        <ul className="inbox-list" role="listbox" aria-label="Inbox items">
          {inbox.map((i) => (
            <li
              key={i.id}
              role="option"
              aria-selected={i.id === selected}
              data-testid="inbox-row"
              data-case={i.caseId}
              onClick={() => selectItem(i.id)}
            >
              <b>{i.caseId}</b> <span className="muted">{i.goal}</span>{' '}
              <span className={`tier-chip tier-${i.tier}`}>{i.kind === 'suggest' ? 'suggestion' : 'hand-off'}</span>
            </li>
          ))}
        </ul>
      )}
      {item && <ItemDetail item={item} editing={editing} setEditing={setEditing} />}
    </section>
  );
}
