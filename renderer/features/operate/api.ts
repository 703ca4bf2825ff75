/**
 * The console's HTTP client for a `sop-studio serve` URL: every call carries the bearer token,
 * answers are parsed as JSON, and a refusal comes back as a ConsoleError carrying the service's
 * own message (never a bare status code).
 */
export type Access = 'read' | 'operate' | 'decide';

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Principal {
  name: string;
  /** 'operator', 'viewer' or 'approver:<role>'. */
  role: string;
}

/** What each kind of action needs, said the way the refusal message says it. */
export const NEEDS: Record<Exclude<Access, 'read'>, string> = {
  operate: 'an operator token',
  decide: 'an approver token of the role the item names',
};

/** Whether a role may do an action of this access (the service checks again; this only words the refusal). */
export function mayAct(role: string, access: Access): boolean {
  if (access === 'read') return true;
  if (access === 'operate') return role === 'operator';
  return role.startsWith('approver:');
}

/** A URL the console may connect to: http(s) with a host, nothing else (no file:, no javascript:). */
export function normalizeServiceUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConsoleError(0, `"${text.trim().slice(0, 80)}" is not a URL (e.g. http://127.0.0.1:8787)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConsoleError(0, `the service URL must be http or https, not ${url.protocol}`);
  return url.origin;
}

export class ConsoleClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  get authHeader(): string {
    return `Bearer ${this.token}`;
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          authorization: this.authHeader,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ConsoleError(0, `cannot reach ${this.baseUrl} (is the service running, and is this origin allowed?)`);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) {
      const said =
        parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string'
          ? (parsed as { error: string }).error
          : text.slice(0, 200);
      throw new ConsoleError(res.status, said || `HTTP ${res.status}`);
    }
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }
}
