/**
 * Which frames may call IPC: only the app's own pages, i.e. `app://sop-studio/…` (the custom
 * protocol serving the built renderer) or, in development, the Vite dev server's origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sop-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isTrustedSenderUrl(url: string | undefined | null, devServerUrl?: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string | undefined | null) {
    super(`${channel}: refused: sender ${url ? `"${url.slice(0, 200)}"` : '(no frame)'} is not the app`);
    this.name = 'UntrustedSenderError';
  }
}
