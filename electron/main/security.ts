import { isTrustedSenderUrl } from '../ipc/senderCheck';

/**
 * Electron security checklist pieces that are plain data or small pure functions: the CSP, and
 * the navigation policy. Applied in window.ts; tested in Node.
 */

/**
 * The CSP, also in renderer/index.html as a <meta> (minus `frame-ancestors`, which browsers ignore
 * in meta and warn about). No 'unsafe-eval': CEL is interpreted, Monaco runs without eval.
 * 'unsafe-inline' for styles only: React Flow and Monaco position elements with inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // the operations console talks to `sop-studio serve` on this machine; the main process narrows
  // this further to exactly the origin the person connected to (consoleOrigin.ts)
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The app never navigates its window: a link or script trying to is stopped. */
export function isNavigationAllowed(currentUrl: string, targetUrl: string): boolean {
  // Same-document navigations (hash changes) do not fire will-navigate; anything that does is refused
  // unless it is a reload of the exact page already shown.
  return currentUrl !== '' && targetUrl === currentUrl;
}

/**
 * Permissions the app's own page may use: the clipboard (copy/paste of states on the canvas).
 * Everything else — camera, geolocation, notifications, HID, … — and every other origin is refused.
 */
const APP_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  devServerUrl?: string,
): boolean {
  return APP_PERMISSIONS.has(permission) && isTrustedSenderUrl(requestingUrl, devServerUrl);
}
