// Child process for atomicWrite.test.ts: rewrites one file forever with alternating full contents,
// signalling each completed write on stdout, until the parent kills it with SIGKILL.
import { writeFileAtomic } from './atomicWrite';

const [target, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const versions = [Buffer.alloc(size, 'a'), Buffer.alloc(size, 'b')];
let i = 0;
for (;;) {
  await writeFileAtomic(target!, versions[i % 2]!);
  process.stdout.write('w');
  i++;
}
