/** The request filter with a fake session: what it cancels before, during and after a connection. */
import { describe, expect, it } from 'vitest';
import { NetworkAllowance, installNetworkFilter, type SessionLike } from './networkAllowance';

function fakeSession() {
  let listener: Parameters<SessionLike['webRequest']['onBeforeRequest']>[0] | undefined;
  const session: SessionLike = { webRequest: { onBeforeRequest: (l) => void (listener = l) } };
  /** Send a request through the installed filter; true when it was cancelled. */
  const cancelled = (url: string): boolean => {
    let answer: boolean | undefined;
    listener!({ url }, (r) => (answer = r.cancel));
    if (answer === undefined) throw new Error('the filter did not answer');
    return answer;
  };
  return { session, cancelled };
}

const APP_PAGE = [
  'app://sop-studio/index.html',
  'app://sop-studio/assets/index-abc.js',
  'data:image/png;base64,AAAA',
  'blob:app://sop-studio/1234',
];

describe('network filter', () => {
  it('lets nothing out before the person connects (the app page itself still loads)', () => {
    const { session, cancelled } = fakeSession();
    installNetworkFilter(session, new NetworkAllowance());
    for (const url of APP_PAGE) expect(cancelled(url), url).toBe(false);
    for (const url of [
      'http://127.0.0.1:8787/health',
      'http://localhost:8787/whoami',
      'https://api.openai.com/v1/chat/completions',
      'ws://127.0.0.1:8787/',
      'file:///etc/passwd',
      'app://other/index.html',
      'not a url',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
  });

  it('after connect allows exactly that origin, and switching swaps the allowance', () => {
    const { session, cancelled } = fakeSession();
    const allowance = new NetworkAllowance();
    installNetworkFilter(session, allowance);
    allowance.setConsoleOrigin('http://127.0.0.1:8787/');
    expect(cancelled('http://127.0.0.1:8787/health')).toBe(false);
    expect(cancelled('http://127.0.0.1:8787/events')).toBe(false);
    // same host, other port or scheme or name: another origin
    for (const url of [
      'http://127.0.0.1:8788/health',
      'https://127.0.0.1:8787/health',
      'http://localhost:8787/health',
      'http://127.0.0.1/health',
    ])
      expect(cancelled(url), url).toBe(true);

    allowance.setConsoleOrigin('https://ops.example.com');
    expect(cancelled('https://ops.example.com/inbox')).toBe(false);
    expect(cancelled('http://127.0.0.1:8787/health')).toBe(true);
    expect(allowance.allowedOrigins()).toEqual(['https://ops.example.com']);

    allowance.setConsoleOrigin(null);
    expect(cancelled('https://ops.example.com/inbox')).toBe(true);
    for (const url of APP_PAGE) expect(cancelled(url), url).toBe(false);
  });

  it('adds the model agent endpoint origin alongside the service, and only that', () => {
    const { session, cancelled } = fakeSession();
    const allowance = new NetworkAllowance();
    installNetworkFilter(session, allowance);
    allowance.setModelOrigin('http://127.0.0.1:11434/v1');
    expect(cancelled('http://127.0.0.1:11434/v1/chat/completions')).toBe(false);
    expect(cancelled('http://127.0.0.1:8787/health')).toBe(true);
    allowance.setConsoleOrigin('http://127.0.0.1:8787');
    expect(allowance.allowedOrigins()).toEqual(['http://127.0.0.1:8787', 'http://127.0.0.1:11434']);
    expect(cancelled('http://127.0.0.1:8787/health')).toBe(false);
    allowance.setModelOrigin(null);
    expect(cancelled('http://127.0.0.1:11434/v1/chat/completions')).toBe(true);
  });

  it('in development also lets the Vite dev server and its hot-reload socket through', () => {
    const { session, cancelled } = fakeSession();
    installNetworkFilter(session, new NetworkAllowance({ devServerUrl: 'http://localhost:5173/' }));
    expect(cancelled('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(cancelled('ws://localhost:5173/')).toBe(false);
    expect(cancelled('http://localhost:5174/')).toBe(true);
  });

  it('refuses to allow what is not an http(s) origin', () => {
    const allowance = new NetworkAllowance();
    expect(() => allowance.setConsoleOrigin('file:///etc')).toThrow(/only http and https/);
    expect(() => allowance.setConsoleOrigin('javascript:alert(1)')).toThrow(/only http and https/);
    expect(() => allowance.setConsoleOrigin('http://user:pw@127.0.0.1:8787')).toThrow(/credentials/);
    expect(() => allowance.setConsoleOrigin('nope')).toThrow(/not a URL/);
    expect(allowance.allowedOrigins()).toEqual([]);
  });
});
