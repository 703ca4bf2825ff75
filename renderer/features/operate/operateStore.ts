/**
 * The console's state: the connection (client, who the token is, the service's health), the
 * live snapshot pushed by the service, the inbox, the selected case and the last action's
 * outcome. Nothing is sent anywhere before `connect` — the person presses Connect.
 */
import { create } from 'zustand';
import { ConsoleClient, ConsoleError, mayAct, NEEDS, normalizeServiceUrl, type Access, type Principal } from './api';
import { openLiveStream } from './liveStream';
import { allowServiceOrigin, forgetConnection, saveConnection } from './tokenVault';
import type { InboxItem, LiveSnapshot } from './types';

export type OperateTab = 'inbox' | 'controls' | 'runbook' | 'timeline' | 'evidence';

interface Outcome {
  text: string;
  tone: 'good' | 'bad';
}

export interface OperateState {
  phase: 'disconnected' | 'connecting' | 'connected';
  client: ConsoleClient | null;
  principal: Principal | null;
  health: { graph: string; version: number } | null;
  live: 'off' | 'live' | 'reconnecting';
  error: string | null;
  snapshot: LiveSnapshot | null;
  /** Bumped when the service says cases changed (timeline and lists refetch). */
  casesVersion: number;
  inbox: InboxItem[];
  selectedItem: string | null;
  selectedCase: string | null;
  tab: OperateTab;
  outcome: Outcome | null;
  /** A long read in progress (its label), e.g. the audit export. */
  busy: string | null;

  connect(url: string, token: string): Promise<void>;
  disconnect(): void;
  refreshInbox(): Promise<void>;
  setTab(tab: OperateTab): void;
  setBusy(busy: string | null): void;
  selectItem(id: string | null): void;
  selectCase(caseId: string | null): void;
  /** Run an action; a refusal or failure becomes the outcome message. Returns whether it went through. */
  act(access: Exclude<Access, 'read'>, label: string, run: (c: ConsoleClient) => Promise<unknown>): Promise<boolean>;
}

let closeStream: (() => void) | null = null;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useOperate = create<OperateState>()((set, get) => ({
  phase: 'disconnected',
  client: null,
  principal: null,
  health: null,
  live: 'off',
  error: null,
  snapshot: null,
  casesVersion: 0,
  inbox: [],
  selectedItem: null,
  selectedCase: null,
  tab: 'inbox',
  outcome: null,
  busy: null,

  async connect(urlText, token) {
    get().disconnect();
    set({ phase: 'connecting', error: null });
    try {
      const client = new ConsoleClient(normalizeServiceUrl(urlText), token.trim());
      // desktop: main lets requests through to exactly this origin from now on (nothing before)
      await allowServiceOrigin(client.baseUrl);
      const health = await client.get<{ graph: string; version: number }>('/health');
      const principal = await client.get<Principal>('/whoami');
      const saved = await saveConnection({ url: client.baseUrl, token: token.trim() });
      set({
        phase: 'connected',
        client,
        principal,
        health,
        live: 'reconnecting',
        outcome: saved.note ? { text: saved.note, tone: 'bad' } : null,
      });
      closeStream = openLiveStream(client, {
        onState: (live) => set({ live }),
        onMessage: (event, data) => {
          if (event === 'snapshot') {
            const snap = data as LiveSnapshot;
            const before = get().snapshot?.inbox.join('\n');
            set({ snapshot: snap });
            if (before !== snap.inbox.join('\n')) void get().refreshInbox();
          }
          if (event === 'cases') set({ casesVersion: get().casesVersion + 1 });
        },
      });
      await get().refreshInbox();
    } catch (e) {
      void allowServiceOrigin(null);
      set({
        phase: 'disconnected',
        client: null,
        principal: null,
        health: null,
        error:
          e instanceof ConsoleError && e.status === 401 ? 'The service does not know this token (401).' : messageOf(e),
      });
    }
  },
  disconnect() {
    closeStream?.();
    closeStream = null;
    const url = get().client?.baseUrl;
    if (get().phase !== 'disconnected' && url) void forgetConnection(url);
    void allowServiceOrigin(null);
    set({
      phase: 'disconnected',
      client: null,
      principal: null,
      health: null,
      live: 'off',
      snapshot: null,
      inbox: [],
      selectedItem: null,
      outcome: null,
    });
  },
  async refreshInbox() {
    const client = get().client;
    if (!client) return;
    try {
      const { items } = await client.get<{ items: InboxItem[] }>('/inbox');
      const selected = get().selectedItem;
      set({ inbox: items, selectedItem: items.some((i) => i.id === selected) ? selected : (items[0]?.id ?? null) });
    } catch (e) {
      set({ outcome: { text: `Inbox: ${messageOf(e)}`, tone: 'bad' } });
    }
  },
  setTab: (tab) => set({ tab }),
  setBusy: (busy) => set({ busy }),
  selectItem: (selectedItem) => set({ selectedItem }),
  selectCase: (selectedCase) => set({ selectedCase }),
  async act(access, label, run) {
    const { client, principal } = get();
    if (!client || !principal) return false;
    try {
      await run(client);
      set({ outcome: { text: `${label}: done.`, tone: 'good' } });
      return true;
    } catch (e) {
      const refused = e instanceof ConsoleError && e.status === 403;
      const hint =
        refused && !mayAct(principal.role, access)
          ? ` This needs ${NEEDS[access]}; you are connected as ${principal.role} ${principal.name}.`
          : '';
      set({
        outcome: { text: `${label} refused${refused ? ' by the service' : ''}: ${messageOf(e)}.${hint}`, tone: 'bad' },
      });
      return false;
    }
  },
}));
