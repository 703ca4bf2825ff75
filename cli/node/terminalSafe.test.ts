import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminalSafe';

describe('terminalSafe', () => {
  it('given an ESC sequence, a C1 control and a bidi override, when echoed, then each is shown escaped', () => {
    expect(terminalSafe('c1\u001b[2J\u009b\u202eok')).toBe('c1\\u{1b}[2J\\u{9b}\\u{202e}ok');
  });
  it('leaves ordinary text, including non-ASCII, unchanged', () => {
    expect(terminalSafe('naïve “case” ✓ 42')).toBe('naïve “case” ✓ 42');
  });
});
