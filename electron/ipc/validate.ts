/**
 * Argument validation for IPC handlers. Everything that crosses the bridge is `unknown` until one
 * of these parsers accepts it; a rejection names the argument and says what was expected.
 */
export class IpcArgumentError extends Error {
  constructor(channel: string, detail: string) {
    super(`${channel}: invalid argument: ${detail}`);
    this.name = 'IpcArgumentError';
  }
}

/** Hard caps: a compromised renderer must not make main allocate without bound. */
export const LIMITS = {
  maxContentsChars: 256 * 1024 * 1024,
  maxNameChars: 255,
  maxPathChars: 4096,
  maxChunkBytes: 16 * 1024 * 1024,
  maxFilters: 16,
  maxExtensions: 32,
} as const;

type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `a string of ${v.length} characters` : `${typeof v}`;
}

/** A small reader over one request object; every getter throws IpcArgumentError on a mismatch. */
export class ArgReader {
  private readonly obj: Obj;
  constructor(
    readonly channel: string,
    value: unknown,
    allowed: readonly string[],
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new IpcArgumentError(channel, `expected an object, got ${describe(value)}`);
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) throw new IpcArgumentError(channel, 'expected a plain object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw new IpcArgumentError(channel, `unexpected field "${key}"`);
    }
    this.obj = value as Obj;
  }

  string(key: string, max: number, opts: { optional?: boolean; nonEmpty?: boolean } = {}): string | undefined {
    const v = this.obj[key];
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'string') throw new IpcArgumentError(this.channel, `"${key}" must be a string, got ${describe(v)}`);
    if (v.length > max) throw new IpcArgumentError(this.channel, `"${key}" is longer than ${max} characters`);
    if (opts.nonEmpty && v.trim() === '') throw new IpcArgumentError(this.channel, `"${key}" must not be empty`);
    if (v.includes('\0')) throw new IpcArgumentError(this.channel, `"${key}" contains a NUL character`);
    return v;
  }

  requiredString(key: string, max: number, nonEmpty = false): string {
    return this.string(key, max, { nonEmpty }) as string;
  }

  integer(key: string, min: number, max: number): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new IpcArgumentError(this.channel, `"${key}" must be an integer, got ${describe(v)}`);
    if (v < min || v > max) throw new IpcArgumentError(this.channel, `"${key}" must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }
}

/** A file name the user will see in a dialog: no directories, no control characters. */
export function checkFileName(channel: string, name: string): string {
  if (/[\\/]/.test(name) || /[\u0000-\u001f]/.test(name) || name === '.' || name === '..') {
    throw new IpcArgumentError(channel, `"suggestedName" must be a bare file name, got "${name.slice(0, 80)}"`);
  }
  return name;
}

export function noArguments(channel: string, args: unknown[]): void {
  if (args.length > 0) throw new IpcArgumentError(channel, `takes no arguments, got ${args.length}`);
}

export function exactlyOne(channel: string, args: unknown[]): unknown {
  if (args.length !== 1) throw new IpcArgumentError(channel, `takes exactly one argument, got ${args.length}`);
  return args[0];
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export function parseFilters(channel: string, value: unknown): FileFilter[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > LIMITS.maxFilters) {
    throw new IpcArgumentError(channel, `"filters" must be an array of at most ${LIMITS.maxFilters} filters`);
  }
  return value.map((f, i) => {
    const r = new ArgReader(`${channel} filters[${i}]`, f, ['name', 'extensions']);
    const name = r.requiredString('name', 100);
    const ext = r.raw('extensions');
    if (!Array.isArray(ext) || ext.length === 0 || ext.length > LIMITS.maxExtensions || !ext.every((e) => typeof e === 'string' && /^(\*|[A-Za-z0-9._-]{1,32})$/.test(e))) {
      throw new IpcArgumentError(channel, `filters[${i}].extensions must be a non-empty list of extensions like "json"`);
    }
    return { name, extensions: ext as string[] };
  });
}
