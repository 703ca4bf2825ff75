/**
 * The console's service additions against a real PostgreSQL and the real `sop-studio serve`
 * process: CORS only for the app's origins, the live-events stream (a snapshot on connect, another
 * when a case starts), every console action audited with the token identity (refused ones too),
 * and the rollback preview naming exactly the undo calls the rollback then makes.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundGraph } from '../../shared/runtime/testGraph';
import { client, issueToken, RECORDING_TOOLS, spawnService, writeGraph, type ServiceProcess } from '../testing/harness';
import { startTestPostgres, type TestPostgres } from '../testing/pg';

let cluster: TestPostgres;
let service: ServiceProcess;
const tokens: Record<string, string> = {};
const as = (who: string) => client(service.url!, tokens[who]);

beforeAll(async () => {
  cluster = await startTestPostgres();
  const db = cluster.database('console');
  const graphFile = writeGraph(refundGraph({ rollout: 'autonomy' }));
  for (const who of ['operator:olive', 'viewer:vic']) tokens[who.split(':')[0]!] = await issueToken(graphFile, db, who);
  service = await spawnService(
    [graphFile, '--db', db, '--port', '0', '--tools', RECORDING_TOOLS, '--executor-id', 'console-1'],
    { SOP_TEST_DB: db },
  );
}, 120_000);

afterAll(async () => {
  await service?.stop();
  cluster?.stop();
}, 30_000);

/** Read SSE messages from /events until `until` says stop (or the time runs out). */
async function readEvents(
  token: string,
  until: (seen: EventSourceMessage[]) => boolean,
  onOpen?: () => Promise<void>,
): Promise<EventSourceMessage[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 20_000);
  const seen: EventSourceMessage[] = [];
  const res = await fetch(`${service.url}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const parser = createParser({ onEvent: (m) => seen.push(m) });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let opened = false;
  try {
    while (!until(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
      if (!opened && seen.length) {
        opened = true;
        await onOpen?.();
      }
    }
  } catch (e) {
    throw new Error(`stream ended before the expected event; seen: ${JSON.stringify(seen)}`, { cause: e });
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return seen;
}

const countsOf = (m: EventSourceMessage) =>
  (JSON.parse(m.data) as { counts: Array<{ state: string; status: string; n: number }> }).counts;

describe('CORS', () => {
  it('answers a preflight from the browser build and the desktop app, and not from another site', async () => {
    const preflight = (origin: string) =>
      fetch(`${service.url}/controls/kill-switch`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    for (const origin of ['http://127.0.0.1:5205', 'http://localhost:5180', 'app://sop-studio']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('http://127.0.0.1.evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('whoami', () => {
  it("names the token's person and role", async () => {
    expect((await as('viewer').get('/whoami')).body).toEqual({ name: 'vic', role: 'viewer' });
    expect((await client(service.url!).get('/whoami')).status).toBe(401);
  });
});

describe('live events', () => {
  it('needs a token', async () => {
    expect((await fetch(`${service.url}/events`)).status).toBe(401);
  });

  it('sends a snapshot on connect and a new one when a case starts, with the case in its state', async () => {
    const seen = await readEvents(
      tokens.viewer!,
      (s) =>
        s.some(
          (m) =>
            m.event === 'snapshot' &&
            countsOf(m).some((c) => c.state === 'triage' && c.status === 'waiting' && c.n === 1),
        ),
      async () => {
        // fraudScore 0.5, amount 300: the human branch — the case waits at triage for a person to choose
        expect(
          (await as('operator').post('/cases', { caseId: 'live-1', attributes: { amount: 300, fraudScore: 0.5 } }))
            .status,
        ).toBe(201);
      },
    );
    expect(seen[0]!.event).toBe('snapshot');
    expect(countsOf(seen[0]!)).toEqual([]);
    const last = seen.filter((m) => m.event === 'snapshot').at(-1)!;
    expect(JSON.parse(last.data).inbox).toEqual(['live-1#1']);
  });
});

describe('console actions', () => {
  it('records every operate action with who did it, refused attempts included', async () => {
    expect(
      (await as('operator').put('/controls/kill-switch', { scope: 'agent', name: 'refund-agent', paused: true }))
        .status,
    ).toBe(200);
    expect((await as('viewer').put('/controls/drain', { draining: true })).status).toBe(403);
    expect(
      (await as('operator').put('/controls/kill-switch', { scope: 'agent', name: 'refund-agent', paused: false }))
        .status,
    ).toBe(200);
    const { body } = await as('viewer').get<{
      actions: Array<{
        actor: string;
        role: string;
        action: string;
        status: number;
        detail: { body: Record<string, unknown> };
      }>;
    }>('/console/actions');
    const mine = body.actions
      .filter((a) => a.action === 'killSwitch' || a.action === 'drain')
      .slice(0, 3)
      .reverse();
    expect(mine.map((a) => [a.actor, a.role, a.action, a.status])).toEqual([
      ['olive', 'operator', 'killSwitch', 200],
      ['vic', 'viewer', 'drain', 403],
      ['olive', 'operator', 'killSwitch', 200],
    ]);
    expect(mine[0]!.detail.body).toEqual({ scope: 'agent', name: 'refund-agent', paused: true });
  });
});

describe('rollback preview', () => {
  it('lists the undo calls the rollback then makes, newest first, and changes nothing itself', async () => {
    for (const id of ['rb-1', 'rb-2', 'rb-3']) {
      await as('operator').post('/cases', { caseId: id, attributes: { amount: 40, fraudScore: 0.1 } });
      expect(
        (await as('operator').get<{ case: { status: string } }>(`/cases/${id}?waitFor=done&timeoutMs=20000`)).body.case
          .status,
      ).toBe('done');
    }
    const preview = await as('viewer').get<{
      calls: Array<{ caseId: string; tool: string; undoTool: string | null; impossible: string | null }>;
    }>('/rollback/preview?agent=refund-agent&n=2');
    expect(preview.body.calls.map((c) => [c.caseId, c.tool, c.undoTool, c.impossible])).toEqual([
      ['rb-3', 'issueRefund', 'reverseRefund', null],
      ['rb-2', 'issueRefund', 'reverseRefund', null],
    ]);
    expect((await as('viewer').get('/rollback/preview?agent=refund-agent&n=2')).body).toEqual(preview.body);
    const done = await as('operator').post<{ results: Array<{ caseId: string; undoTool: string; ok: boolean }> }>(
      '/rollback',
      { agent: 'refund-agent', n: 2 },
    );
    expect(done.body.results.map((r) => [r.caseId, r.undoTool, r.ok])).toEqual([
      ['rb-3', 'reverseRefund', true],
      ['rb-2', 'reverseRefund', true],
    ]);
    expect((await as('viewer').get('/rollback/preview?agent=refund-agent&n=0')).status).toBe(400);
  });
});
