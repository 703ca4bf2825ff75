/**
 * Which network origins the app may reach. Before the person connects to a service, nothing leaves
 * the app (only its own app:// pages, data:/blob: URLs and, in development, the Vite dev server).
 * After connect, exactly that service origin is let through — plus the model agent's endpoint
 * origin when the person configured one. Switching connection swaps the allowance; disconnecting
 * withdraws it. Enforced on the session's webRequest filter (every request of every frame and
 * worker), so it holds whatever the page does.
 */
import { APP_ORIGIN } from '../ipc/senderCheck';

/** The slice of Electron's Session used here (a fake in tests). */
export interface SessionLike {
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
}

/** http(s) origin of a URL, or an error that says what was wrong. */
export function serviceOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url.slice(0, 80)}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`only http and https origins can be allowed, not ${parsed.protocol}`);
  if (parsed.username || parsed.password) throw new Error('a URL with credentials in it cannot be allowed');
  return parsed.origin;
}

/** ws(s) twin of an http(s) origin (the dev server's hot reload socket). */
const socketOf = (origin: string) => origin.replace(/^http/, 'ws');

export class NetworkAllowance {
  private consoleOrigin: string | null = null;
  private modelOrigin: string | null = null;
  private readonly devOrigins: ReadonlySet<string>;

  constructor(opts: { devServerUrl?: string } = {}) {
    const dev = opts.devServerUrl ? serviceOrigin(opts.devServerUrl) : null;
    this.devOrigins = new Set(dev ? [dev, socketOf(dev)] : []);
  }

  /** The service the person connected to; null when disconnected. */
  setConsoleOrigin(url: string | null): void {
    this.consoleOrigin = url === null ? null : serviceOrigin(url);
  }

  setModelOrigin(url: string | null): void {
    this.modelOrigin = url === null ? null : serviceOrigin(url);
  }

  /** The origins allowed beyond the app itself, for display and for the CSP's connect-src. */
  allowedOrigins(): string[] {
    return [this.consoleOrigin, this.modelOrigin].filter((o): o is string => o !== null);
  }

  allows(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
    // app://sop-studio has an opaque origin in the URL API: compare scheme and host instead
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
    if (parsed.protocol === 'devtools:' && this.devOrigins.size > 0) return true;
    if (this.devOrigins.has(parsed.origin)) return true;
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    return parsed.origin === this.consoleOrigin || parsed.origin === this.modelOrigin;
  }
}

/** Install the filter on the session: a request to an origin not allowed right now is cancelled. */
export function installNetworkFilter(session: SessionLike, allowance: NetworkAllowance): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowance.allows(details.url) }));
}
