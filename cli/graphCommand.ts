/**
 * The opening every graph-reading command shares (export, run, simulate): `--help`, its own
 * option parser (a string is a usage error), then the graph file read — a graph document, a bare
 * or exported XState machine, or SCXML, told by content — and checked against the document
 * schema. Messages are prefixed with the command's name; the exit code for a usage
 * error or an unusable graph is 2.
 */
import { readFile } from 'node:fs/promises';
import { parseAnyGraph, type GraphSource } from '../shared/export/openGraph';
import type { GraphDoc } from '../shared/model/types';
import type { CliIo } from './io';
import { describeFsError } from './node/openFile';

/** What a command needs to go on: its options and the graph document they name. */
export interface GraphCommandStart<T> {
  opts: T;
  doc: GraphDoc;
  /** What the file was: a graph document, an exported XState machine, or SCXML. */
  source: GraphSource;
}

/**
 * Parse a graph command's arguments and load its graph. Returns the exit code to stop with (0
 * after printing help, 2 after a usage error or an unreadable / invalid graph), or the options
 * and document. At most ten schema errors are listed, each with its dotted path.
 */
export async function startGraphCommand<T extends { graph: string }>(
  command: string,
  args: string[],
  io: CliIo,
  help: string,
  parseArgs: (args: string[]) => T | string,
): Promise<GraphCommandStart<T> | number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help);
    return 0;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    io.err(`${command}: ${opts}`);
    io.err(help);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(opts.graph, 'utf8');
  } catch (e) {
    io.err(`${command}: cannot read ${opts.graph}: ${describeFsError(e)}`);
    return 2;
  }
  const parsed = await parseAnyGraph(text);
  if (!parsed.ok) {
    io.err(`${command}: ${opts.graph} is not a usable graph document:`);
    for (const e of parsed.errors.slice(0, 10)) io.err(`  ${e.path.length ? e.path.join('.') + ': ' : ''}${e.message}`);
    return 2;
  }
  for (const note of parsed.notes.slice(0, 10)) io.err(`${command}: ${opts.graph}: not imported: ${note}`);
  return { opts, doc: parsed.doc, source: parsed.source };
}
