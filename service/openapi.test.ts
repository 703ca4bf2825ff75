import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';
import { ROUTES } from './routes';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('the OpenAPI file', () => {
  it('is the one the route table generates (run service/writeOpenapi.ts after changing routes)', () => {
    expect(JSON.parse(readFileSync(path.join(here, 'openapi.json'), 'utf8'))).toEqual(openApiDocument());
  });

  it('documents every route once, with 401/403 on every route that needs a token', () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.map((o) => o.operationId).sort()).toEqual(ROUTES.map((r) => r.name).sort());
    for (const r of ROUTES.filter((r) => r.access !== 'public')) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]![r.method.toLowerCase()]!;
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});
