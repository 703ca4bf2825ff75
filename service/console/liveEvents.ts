/**
 * Server-sent events for the operations console: one `snapshot` event with the counts of cases
 * per state and status, the pending inbox item ids and the controls, sent when a client connects
 * and again whenever any of it changes, plus the ids of cases that changed.
 *
 * Why one shared watcher instead of a query per client: the service reads the three small
 * aggregates once per tick however many consoles are connected, only while at least one is, and
 * sends nothing when nothing changed — clients never poll.
 */
import type pg from 'pg';
import { readControls, type Controls } from '../controls';

export interface LiveSnapshot {
  /** Cases per (state, status): done cases are counted per final state too. */
  counts: Array<{ state: string; status: string; n: number }>;
  inbox: string[];
  controls: Controls;
}

export interface LiveMessage {
  event: 'snapshot' | 'cases';
  data: unknown;
}

type Listener = (m: LiveMessage) => void;

async function readSnapshot(pool: pg.Pool): Promise<LiveSnapshot> {
  const counts = await pool.query<{ state: string; status: string; n: string }>(
    'SELECT state, status, count(*) AS n FROM sop.cases GROUP BY state, status ORDER BY state, status',
  );
  const inbox = await pool.query<{ id: string }>(
    `SELECT id FROM sop.approvals WHERE status = 'pending' ORDER BY created_at LIMIT 500`,
  );
  return {
    counts: counts.rows.map((r) => ({ state: r.state, status: r.status, n: Number(r.n) })),
    inbox: inbox.rows.map((r) => r.id),
    controls: await readControls(pool),
  };
}

/** The SSE wire format of one message (data is one JSON line: no newline can split it). */
export function sseFrame(m: LiveMessage): string {
  return `event: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;
}

export class LiveWatcher {
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last: LiveSnapshot | null = null;
  private lastText = '';
  private since: Date | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly tickMs = 500,
  ) {}

  /** Subscribe: the current snapshot is sent first. Returns the unsubscribe function. */
  async subscribe(listener: Listener): Promise<() => void> {
    const snap = this.last ?? (await readSnapshot(this.pool));
    listener({ event: 'snapshot', data: snap });
    this.listeners.add(listener);
    if (!this.timer) this.schedule();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.last = null;
    this.lastText = '';
    this.since = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.tickMs);
  }

  private async tick(): Promise<void> {
    try {
      const now = await this.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
      const snap = await readSnapshot(this.pool);
      const text = JSON.stringify(snap);
      if (text !== this.lastText) {
        this.last = snap;
        this.lastText = text;
        this.emit({ event: 'snapshot', data: snap });
      }
      if (this.since) {
        const changed = await this.pool.query<{ case_id: string }>(
          'SELECT case_id FROM sop.cases WHERE updated_at > $1 ORDER BY updated_at DESC LIMIT 200',
          [this.since],
        );
        if (changed.rowCount) this.emit({ event: 'cases', data: changed.rows.map((r) => r.case_id) });
      }
      this.since = now.rows[0]!.now;
    } catch {
      // the database went away for a moment: the next tick tries again; clients keep the last figures
    }
    if (this.listeners.size > 0) this.schedule();
    else this.stop();
  }

  private emit(m: LiveMessage): void {
    for (const l of this.listeners) l(m);
  }
}
