/**
 * The README's newcomer map states which top folders may import which. This test reads the
 * arrows between the `folder-map` markers and compares them with the relative imports the code
 * really has, both ways: an import across folders with no arrow fails, and so does an arrow no
 * file uses (the map would describe a dependency that is not there). `(type)` arrows must carry
 * `import type` only; `(tests)` arrows may be used by test files only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const TOPS = ['bench', 'bin', 'cli', 'e2e', 'electron', 'renderer', 'scripts', 'service', 'shared'];
type Kind = 'any' | 'type' | 'tests';

function readMap(): Map<string, Map<string, Kind>> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const body = /<!-- folder-map -->\s*```\n([\s\S]*?)```\s*<!-- \/folder-map -->/.exec(readme)?.[1];
  if (!body) throw new Error('README.md has no folder-map block');
  const map = new Map<string, Map<string, Kind>>();
  for (const line of body.trim().split('\n')) {
    const m = /^(\S+)\s+→\s+(.*)$/.exec(line.trim());
    if (!m) throw new Error(`folder-map line not understood: ${line}`);
    const to = new Map<string, Kind>();
    if (m[2] !== '(nothing)')
      for (const part of m[2]!.split(',')) {
        const [, name, kind] = /^\s*(\S+)(?:\s+\((type|tests)\))?\s*$/.exec(part) ?? [];
        if (!name) throw new Error(`folder-map arrow not understood: ${part}`);
        to.set(name, (kind as Kind | undefined) ?? 'any');
      }
    map.set(m[1]!, to);
  }
  return map;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

interface Use {
  from: string;
  to: string;
  typeOnly: boolean;
  test: boolean;
  file: string;
}

/** Every relative import (static, `export … from`, dynamic) that leaves its top folder. */
function crossFolderImports(): Use[] {
  const uses: Use[] = [];
  // a statement starts its line (so a comment's prose is never read as one); dynamic imports anywhere
  const re =
    /(^[ \t]*import\s+type\s[^'";]*?from\s*|^[ \t]*import\s[^'";]*?from\s*|^[ \t]*export\s[^'";]*?from\s*|import\s*\(\s*|^[ \t]*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const top of TOPS)
    for (const file of sourceFiles(join(ROOT, top))) {
      const src = readFileSync(file, 'utf8');
      const dir = join(file, '..');
      for (const m of src.matchAll(re)) {
        const target = relative(ROOT, normalize(join(dir, m[2]!))).split(sep)[0]!;
        if (target === top || !TOPS.includes(target)) continue;
        const rel = relative(ROOT, file);
        uses.push({
          from: top,
          to: target,
          typeOnly: /^\s*import\s+type\s/.test(m[1]!),
          test: /\.(test|spec)\.tsx?$|\/testing\//.test(rel),
          file: rel,
        });
      }
    }
  return uses;
}

describe("the README's folder map matches the code's imports", () => {
  const map = readMap();
  const uses = crossFolderImports();

  it('names every top folder once', () => {
    expect([...map.keys()].sort()).toEqual([...TOPS].sort());
  });

  it('every cross-folder import has an arrow, of the right kind', () => {
    const wrong = uses.filter((u) => {
      const kind = map.get(u.from)?.get(u.to);
      if (!kind) return true;
      if (kind === 'type') return !u.typeOnly;
      if (kind === 'tests') return !u.test;
      return false;
    });
    expect(wrong.map((u) => `${u.file} imports ${u.to}${u.typeOnly ? ' (type)' : ''}`)).toEqual([]);
  });

  it('every arrow is used by at least one file', () => {
    const unused: string[] = [];
    for (const [from, to] of map)
      for (const t of to.keys()) if (!uses.some((u) => u.from === from && u.to === t)) unused.push(`${from} → ${t}`);
    expect(unused).toEqual([]);
  });
});
