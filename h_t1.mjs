import { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
const env = new Environment({ unlistedVariablesAreDyn: true });
try {
  env.registerFunction('string.matches(string): bool', (s, p) => RE2JS.compile(p).test(s));
  console.log('override ok');
} catch (e) { console.log('override err', e.message); }
const t0 = Date.now();
console.log(env.evaluate('note.matches("a*a*a*a*a*a*a*a*b")', { note: 'a'.repeat(64) }), Date.now() - t0);
console.log(env.evaluate('note.matches("^a+$")', { note: 'aaa' }));
console.log(env.evaluate('matches(note, ".*.*.*.*.*.*!")', { note: 'x'.repeat(100000) }), Date.now() - t0);
