/**
 * The `sop-studio` command line. Each command lives in cli/commands/<name>.ts and exports
 * `run(args: string[], io: CliIo): Promise<number>` (the exit code). This file only dispatches.
 */
import { readFileSync } from 'node:fs';
import type { CliIo } from './io';
import { nodeIo } from './io';

/** Set by the bundle build (scripts/build-cli.mjs); from package.json when run from source. */
declare const __SOP_STUDIO_VERSION__: string | undefined;
function version(): string {
  if (typeof __SOP_STUDIO_VERSION__ === 'string') return __SOP_STUDIO_VERSION__;
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

type Command = { summary: string; load: () => Promise<{ run(args: string[], io: CliIo): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  // validate <graph> [--json]
  validate: { summary: 'check a graph document and print diagnostics', load: () => import('./commands/validate') },
  stats: {
    summary: 'figures of an event log (cases, events, activities, variants, time span)',
    load: () => import('./commands/stats'),
  },
  discover: {
    summary: 'draft an SOP from an event log (most frequent paths, every branch human)',
    load: () => import('./commands/discover'),
  },
  simulate: {
    summary: 'replay a recorded log through a graph with a simulated agent',
    load: () => import('./commands/simulate'),
  },
  export: {
    summary: 'export a validated graph: xstate | ts | scxml | html (gate: version, hash, sign-off)',
    load: () => import('./commands/export'),
  },
  run: {
    summary: 'run recorded cases on the runtime runner (shadow by default; --execute calls tools)',
    load: () => import('./commands/run'),
  },
  serve: {
    summary: 'run a graph as a durable service on PostgreSQL (DBOS): cases, approvals, kill switches, audit',
    load: () => import('./commands/serve'),
  },
  audit: {
    summary: 'audit verify <log>: check a hash-chained audit log; audit cases <log>: back to recorded cases',
    load: () => import('./commands/audit'),
  },
};

function usage(io: CliIo): void {
  io.out('usage: sop-studio <command> [options]   (sop-studio --version)\n\ncommands:');
  for (const [name, c] of Object.entries(COMMANDS)) io.out(`  ${name.padEnd(10)} ${c.summary}`);
}

export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.out(`sop-studio ${version()}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`sop-studio: unknown command "${name}"`);
    usage(io);
    return 2;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (e) {
    io.err(`sop-studio ${name}: ${(e as Error)?.message ?? e}`);
    return 2;
  }
}
