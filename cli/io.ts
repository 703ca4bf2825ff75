/** Output sinks for CLI commands, injectable so commands are tested without spawning processes. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const nodeIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/** An io that records lines, for tests. */
export function memoryIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
