/**
 * Argument validation for IPC handlers. Everything that crosses the bridge is `unknown` until one
 * of these zod schemas accepts it; a rejection names the argument and says what was expected.
 */
import * as z from 'zod';

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

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `a string of ${v.length} characters` : `${typeof v}`;
}

/** A plain object (prototype Object or none): a class instance or array is refused before its fields are read. */
const plainObject = z.custom<Record<string, unknown>>(
  (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v) as object | null;
    return proto === Object.prototype || proto === null;
  },
  {
    error: (iss) =>
      typeof iss.input === 'object' && iss.input !== null && !Array.isArray(iss.input)
        ? 'expected a plain object'
        : `expected an object, got ${describe(iss.input)}`,
  },
);

/** A request object: plain, only the named fields, each checked by its schema. */
export function requestSchema<S extends z.ZodRawShape>(shape: S) {
  return plainObject.pipe(
    z.strictObject(shape, {
      error: (iss) => (iss.code === 'unrecognized_keys' ? `unexpected field "${iss.keys[0]}"` : undefined),
    }),
  );
}

/** A string field: at most `max` characters, no NUL, and (nonEmpty) not blank. Checks run in that order. */
export function stringField(key: string, max: number, opts: { nonEmpty?: boolean } = {}) {
  let s = z
    .string({ error: (iss) => `"${key}" must be a string, got ${describe(iss.input)}` })
    .max(max, { error: `"${key}" is longer than ${max} characters` });
  if (opts.nonEmpty) s = s.refine((v) => v.trim() !== '', { error: `"${key}" must not be empty` });
  return s.refine((v) => !v.includes('\0'), { error: `"${key}" contains a NUL character` });
}

/** A safe integer in [min, max] (a fraction, NaN or a number past 2^53 is not an integer). */
export function integerField(key: string, min: number, max: number) {
  const range = {
    error: (iss: { input?: unknown }) => `"${key}" must be between ${min} and ${max}, got ${String(iss.input)}`,
  };
  return z
    .int({ error: (iss) => `"${key}" must be an integer, got ${describe(iss.input)}` })
    .min(min, range)
    .max(max, range);
}

/** A file name the user will see in a dialog: no directories, no control characters. */
export function fileNameField(key: string) {
  return stringField(key, LIMITS.maxNameChars, { nonEmpty: true }).refine(
    (name) => !(/[\\/]/.test(name) || /[\u0000-\u001f]/.test(name) || name === '.' || name === '..'),
    {
      error: (iss) => `"${key}" must be a bare file name, got "${String(iss.input).slice(0, 80)}"`,
    },
  );
}

const EXTENSION = /^(\*|[A-Za-z0-9._-]{1,32})$/;

/** Dialog filters: at most maxFilters, each a name and a non-empty list of plain extensions. */
export function filtersField() {
  const filtersError = { error: `"filters" must be an array of at most ${LIMITS.maxFilters} filters` };
  const extensionsError = { error: 'extensions' };
  const filter = requestSchema({
    name: stringField('name', 100),
    extensions: z
      .array(z.string(extensionsError).regex(EXTENSION, extensionsError), extensionsError)
      .min(1, extensionsError)
      .max(LIMITS.maxExtensions, extensionsError),
  });
  return z.array(filter, filtersError).max(LIMITS.maxFilters, filtersError).optional();
}

/**
 * The issue a rejection reports, as the message the old hand-written reader gave: an unknown
 * field first (a request with a stray field is refused for it whatever else is wrong), else the
 * first failing check; a filter's own fields are named under "<channel> filters[i]".
 */
function rejection(channel: string, issues: readonly z.core.$ZodIssue[]): IpcArgumentError {
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  const [field, index, inner] = issue.path;
  if (field === 'filters' && typeof index === 'number') {
    if (inner === 'extensions')
      return new IpcArgumentError(
        channel,
        `filters[${index}].extensions must be a non-empty list of extensions like "json"`,
      );
    return new IpcArgumentError(`${channel} filters[${index}]`, issue.message);
  }
  return new IpcArgumentError(channel, issue.message);
}

/** Parse one request against its schema; a mismatch throws IpcArgumentError naming the field. */
export function parseRequest<T>(channel: string, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw rejection(channel, r.error.issues);
  return r.data;
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
