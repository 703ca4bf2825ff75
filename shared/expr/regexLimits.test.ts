// regex.ts's compile-time refusals, each at its edge, with the messages written out by hand;
// how matches() calls are routed (both forms, nested in other calls) and how the internal name is
// hidden from messages.
import { Environment } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import {
  MAX_REGEX_LENGTH,
  MAX_REGEX_PROGRAM,
  RE2_MATCHES,
  regexProblem,
  regexProgramSize,
  registerLinearRegex,
  routeMatchesToRe2,
  userFacingMessage,
} from './regex';

describe('regexProblem', () => {
  it(`accepts ${MAX_REGEX_LENGTH} characters and refuses one more, saying how long it is`, () => {
    expect(MAX_REGEX_LENGTH).toBe(256);
    expect(regexProblem('a'.repeat(256))).toBeNull();
    expect(regexProblem('a'.repeat(257))).toBe('regular expression is 257 characters; the limit is 256');
  });

  it('refuses a pattern whose program is over the limit, naming its size', () => {
    expect(MAX_REGEX_PROGRAM).toBe(4000);
    const big = 'a{1000}b{1000}c{1000}d{1000}e{1000}';
    const size = regexProgramSize(big);
    expect(size).toBeGreaterThan(4000); // five runs of 1,000 literal instructions
    expect(regexProblem(big)).toBe(`regular expression compiles to ${size} instructions; the limit is 4000`);
    // the program grows with the repeat count: 1,000 of one letter is well under the limit
    expect(regexProgramSize('a{1000}')).toBeGreaterThanOrEqual(1000);
    expect(regexProblem('a{1000}')).toBeNull();
  });

  it('accepts a program of exactly 4,000 instructions and refuses 4,001', () => {
    // fail + 3,998 literal runes + match = 4,000
    expect(regexProgramSize('a{1000}b{1000}c{1000}d{998}')).toBe(4000);
    expect(regexProblem('a{1000}b{1000}c{1000}d{998}')).toBeNull();
    expect(regexProblem('a{1000}b{1000}c{1000}d{999}')).toBe(
      'regular expression compiles to 4001 instructions; the limit is 4000',
    );
  });

  it('reports RE2 syntax errors without the parser’s prefix', () => {
    expect(regexProblem('(a')).toBe('regular expression is not valid RE2 syntax (missing closing ): `(a`)');
    const message = regexProblem('(a');
    expect(message).toMatch(/^regular expression is not valid RE2 syntax \(/);
    expect(message).not.toContain('error parsing regexp: ');
    // look-ahead is not RE2
    expect(regexProblem('a(?=b)')).toMatch(/^regular expression is not valid RE2 syntax/);
  });
});

describe('regexProgramSize', () => {
  it('counts the instructions of the RE2 program', () => {
    // RE2's compiler (re2js, as RE2/RE2J): a fail instruction, one per literal rune, match; a+
    // adds an alt that loops back; a group adds its two capture instructions
    expect(regexProgramSize('a')).toBe(3);
    expect(regexProgramSize('abc')).toBe(5);
    expect(regexProgramSize('a+')).toBe(4);
    expect(regexProgramSize('(a)')).toBe(5);
    // asked again (the cache), the same figures
    expect([regexProgramSize('a'), regexProgramSize('abc'), regexProgramSize('(a)')]).toEqual([3, 5, 5]);
  });
});

describe('the registered matches() on a plain cel-js Environment', () => {
  // built inside each test, so the registration itself is part of what the test runs
  const registered = (): Environment => {
    const env = new Environment();
    registerLinearRegex(env);
    return env;
  };

  it('searches the text (RE2 partial match, as the CEL spec says), in both call forms', () => {
    const env = registered();
    expect(env.evaluate(`"xaby".${RE2_MATCHES}("ab")`)).toBe(true);
    expect(env.evaluate(`${RE2_MATCHES}("xaby", "ab")`)).toBe(true);
    expect(env.evaluate(`"xaby".${RE2_MATCHES}("^ab")`)).toBe(false);
    expect(env.evaluate(`${RE2_MATCHES}("xaby", "^ab")`)).toBe(false);
    // RE2: . does not match a newline unless (?s)
    expect(env.evaluate(`"a\\nb".${RE2_MATCHES}("a.b")`)).toBe(false);
    expect(env.evaluate(`"a\\nb".${RE2_MATCHES}("(?s)a.b")`)).toBe(true);
  });

  it('a pattern that is not RE2 (compile() refuses it first) fails the evaluation, naming the pattern', () => {
    const env = registered();
    const invalid = /Invalid regular expression: \( \(error parsing regexp: missing closing \)/;
    expect(() => env.evaluate(`"ab".${RE2_MATCHES}("(")`)).toThrow(invalid);
    expect(() => env.evaluate(`${RE2_MATCHES}("ab", "(")`)).toThrow(invalid);
  });
});

describe('routing matches() to RE2', () => {
  it('renames both call forms, at any depth, and nothing else', () => {
    const ast = {
      op: '&&',
      args: [
        { op: 'rcall', args: ['matches', { op: 'id', args: 'note' }, [{ op: 'value', args: 'a' }]] },
        {
          op: '!',
          args: [
            {
              op: 'call',
              args: [
                'matches',
                [
                  { op: 'id', args: 'note' },
                  { op: 'value', args: 'b' },
                ],
              ],
            },
          ],
        },
        { op: 'rcall', args: ['contains', { op: 'id', args: 'note' }, [{ op: 'value', args: 'matches' }]] },
        { op: 'id', args: 'matches' },
      ],
    };
    routeMatchesToRe2(ast);
    const [m1, not, other, id] = ast.args as Array<{ op: string; args: unknown[] }>;
    expect(m1!.args[0]).toBe(RE2_MATCHES);
    expect((not!.args[0] as { args: unknown[] }).args[0]).toBe(RE2_MATCHES);
    expect(other!.args[0]).toBe('contains');
    expect((other!.args[2] as Array<{ args: unknown }>)[0]!.args).toBe('matches');
    expect(id!.args).toBe('matches');
  });

  it('shows matches, never the internal name, in messages', () => {
    expect(userFacingMessage(`found no matching overload for 'list.${RE2_MATCHES}(string)' and ${RE2_MATCHES}`)).toBe(
      "found no matching overload for 'list.matches(string)' and matches",
    );
  });
});
