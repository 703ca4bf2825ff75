/**
 * The service's live-events stream (GET /events, server-sent events) read with fetch, so the
 * bearer token goes in a header (EventSource cannot send one) — parsed by eventsource-parser.
 * A dropped stream reconnects after a growing pause (1 s doubling to 30 s): a service that is
 * down costs one request per pause, not a storm.
 */
import { createParser } from 'eventsource-parser';
import type { ConsoleClient } from './api';

export interface StreamHandlers {
  onMessage(event: string, data: unknown): void;
  onState(state: 'live' | 'reconnecting', detail?: string): void;
}

export function openLiveStream(client: ConsoleClient, h: StreamHandlers): () => void {
  let closed = false;
  let abort: AbortController | null = null;
  let pause = 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = async () => {
    abort = new AbortController();
    try {
      const res = await fetch(`${client.baseUrl}/events`, {
        headers: { authorization: client.authHeader, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const parser = createParser({
        onEvent: (m) => {
          pause = 1000;
          h.onState('live');
          let data: unknown = null;
          try {
            data = JSON.parse(m.data);
          } catch {
            return; // not ours: the service sends one JSON line per event
          }
          h.onMessage(m.event ?? 'message', data);
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      if (!closed) h.onState('reconnecting', 'the service closed the stream');
    } catch (e) {
      if (closed) return;
      h.onState('reconnecting', e instanceof Error ? e.message : String(e));
    }
    if (closed) return;
    timer = setTimeout(() => void run(), pause);
    pause = Math.min(30_000, pause * 2);
  };
  void run();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    abort?.abort();
  };
}
