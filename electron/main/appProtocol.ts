/**
 * The `app://sop-studio/` protocol that serves the built renderer instead of file:// (Monaco's
 * module workers and the CSP behave as on the web; no access to the rest of the disk).
 * `resolveAppRequest` is pure path logic, tested in Node; `serveAppRequest` reads the file.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME } from '../ipc/senderCheck';
import { CONTENT_SECURITY_POLICY } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function mimeTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map a request URL to a file under `root`, or null (wrong scheme/host, or a path escaping root).
 * Paths without an extension fall back to index.html (client-side routes).
 */
export function resolveAppRequest(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const rootAbs = path.resolve(root);
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(rootAbs, rel);
  if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return null;
  if (path.extname(file) === '') return path.join(rootAbs, 'index.html');
  return file;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** Answer one request: the file with its type and the CSP header, or a 404. */
export async function serveAppRequest(
  url: string,
  root: string,
  read: (p: string) => Promise<Uint8Array> = readFile,
): Promise<AppResponse> {
  const file = resolveAppRequest(url, root);
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (!file) return { status: 404, headers: { ...headers, 'content-type': 'text/plain' }, body: 'not found' };
  try {
    return { status: 200, headers: { ...headers, 'content-type': mimeTypeOf(file) }, body: await read(file) };
  } catch {
    return { status: 404, headers: { ...headers, 'content-type': 'text/plain' }, body: 'not found' };
  }
}

export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
