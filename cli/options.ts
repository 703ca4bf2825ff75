/**
 * The argument walk export and run share: anything starting with "-" is an option handed to the
 * command's own handler, anything else is a file. Option values come from `value()`, which takes
 * the next argument; a missing one ends the walk with "<option> needs a value".
 */

/** Returned by an option handler for an option the command does not know. */
export const UNKNOWN_OPTION = Symbol('unknown option');

/**
 * An option handler: read the option (and its value), return an error message to stop,
 * UNKNOWN_OPTION for an option it does not know, or nothing to go on.
 */
export type OptionHandler = (option: string, value: () => string) => string | typeof UNKNOWN_OPTION | void;

/** Walk `args`: the file arguments in order, or the first usage error as a message. */
export function walkArgs(args: string[], handle: OptionHandler): string[] | string {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      files.push(a);
      continue;
    }
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      const result = handle(a, value);
      if (result === UNKNOWN_OPTION) return `unknown option ${a}`;
      if (typeof result === 'string') return result;
    } catch (e) {
      return (e as Error).message;
    }
  }
  return files;
}
