/** Write service/openapi.json from the route table: `node bin/run-ts.mjs service/writeOpenapi.ts`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './openapi';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'openapi.json');
writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
