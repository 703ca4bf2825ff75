/**
 * No import cycles between the renderer's folders (issue 16): each feature under
 * renderer/features/<name> and each of renderer/{ui,monaco,workers} is one node. renderer/app is
 * two: its composition (the files that mount features: Shell, TopBar…) and its core (store,
 * commands, projects…, which features use); a core file that imports a feature is composition,
 * so a feature reaching it closes a cycle and fails here. An edge is
 * a relative import (static, `export … from`, `import type`, dynamic) from a product file of one
 * node into another. Imports are read with the TypeScript compiler's own pre-processor, not a
 * regex, so comments and strings are never taken for imports. Test files do not count: a test
 * may reach across to set up what it checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = join(__dirname, '..', 'renderer');

function* productFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* productFiles(p);
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(e.name)) yield p;
  }
}

/** The folder a renderer path belongs to: "features/<name>", the first folder, or null for the root files. */
function folderOf(relPath: string): string | null {
  const parts = relPath.split(sep);
  if (parts.length < 2) return null;
  if (parts[0] === 'features') return parts.length > 2 ? `features/${parts[1]}` : null;
  return parts[0]!;
}

const importsOf = (file: string) =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((r) => r.fileName)
    .filter((f) => f.startsWith('.'))
    .map((f) => relative(RENDERER, normalize(join(dirname(file), f))));

/** Relative path (no extension) of each app file that mounts a feature. */
function appComposition(files: string[]): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    const rel = relative(RENDERER, file);
    if (folderOf(rel) === 'app' && importsOf(file).some((t) => folderOf(t)?.startsWith('features/')))
      out.add(rel.replace(/\.tsx?$/, ''));
  }
  return out;
}

/** Folder → folder → one file that makes the edge (for the failure message). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const files = [...productFiles(RENDERER)];
  const composition = appComposition(files);
  const nodeOf = (rel: string) => {
    const folder = folderOf(rel);
    if (folder !== 'app') return folder;
    return composition.has(rel.replace(/\.tsx?$/, '')) ? 'app (composition)' : 'app (core)';
  };
  for (const file of files) {
    const from = nodeOf(relative(RENDERER, file));
    if (!from) continue;
    for (const target of importsOf(file)) {
      if (target.startsWith('..')) continue; // shared/ and others: the top-level folder map covers those
      const to = nodeOf(target);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, relative(RENDERER, file));
    }
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one node: each is a cycle (or several). */
export function cyclesOf(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('renderer folders import each other without cycles', () => {
  it('the cycle finder finds a planted cycle and its members only', () => {
    const g = new Map([
      ['a', new Map([['b', 'x']])],
      ['b', new Map([['c', 'x']])],
      [
        'c',
        new Map([
          ['a', 'x'],
          ['d', 'x'],
        ]),
      ],
      ['d', new Map<string, string>()],
    ]);
    expect(cyclesOf(g)).toEqual([['a', 'b', 'c']]);
    expect(cyclesOf(new Map([['a', new Map([['b', 'x']])]]))).toEqual([]);
  });

  it('has a graph to check (the walk found the features)', () => {
    const g = folderGraph();
    expect([...g.keys()]).toEqual(
      expect.arrayContaining(['app (composition)', 'app (core)', 'features/canvas', 'features/inspector']),
    );
  });

  it('ui and monaco are in no cycle (the ui ↔ app and monaco ↔ code cycles stay removed)', () => {
    const inCycle = cyclesOf(folderGraph()).flat();
    expect(inCycle.filter((n) => n === 'ui' || n === 'monaco')).toEqual([]);
  });

  it('two-way imports between folders: only the known ones, which are still to remove', () => {
    const g = folderGraph();
    const twoWay = [...g]
      .flatMap(([a, to]) => [...to.keys()].filter((b) => a < b && g.get(b)?.has(a)).map((b) => `${a} ↔ ${b}`))
      .sort();
    // A ratchet: a new pair fails; a pair that is gone fails too, so this list only shrinks.
    expect(twoWay).toEqual([
      // Shell mounts the feature; the feature reaches back through app/projects or appCommands (which mount features themselves)
      'app (composition) ↔ app (core)',
      // the first-run welcome (app/sampleData.ts) imports a sample's log through data's import pipeline
      'app (composition) ↔ features/data',
      'app (composition) ↔ features/export',
      'app (composition) ↔ features/files',
      // data's pages read simulation/db and simStore; simulation's CaseExplorer uses data's components
      'features/data ↔ features/simulation',
      // the worker entry is loaded with `?worker` by the client and imports the pipeline back (a bundling edge, not a module cycle)
      'features/data ↔ workers',
      // schema editors reuse inspector/fields; the inspector mounts the schema editors
      'features/inspector ↔ features/schema',
      'features/simulation ↔ workers',
    ]);
  });
});
