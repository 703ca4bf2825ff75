/**
 * Write shared/model/graph.schema.json from the zod schema. Run after changing schema.ts:
 *   node bin/run-ts.mjs scripts/gen-schema.ts
 * (shared/model/schema.test.ts fails while the committed file differs from this output.)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphJsonSchema } from '../shared/model/schema';

const target = fileURLToPath(new URL('../shared/model/graph.schema.json', import.meta.url));
writeFileSync(target, JSON.stringify(graphJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target}`);
