import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal } from './sanitizeForTerminal';

describe('sanitizeForTerminal', () => {
  it('makes escape sequences, other controls and bidi overrides visible', () => {
    expect(sanitizeForTerminal('c1\u001b[2J\u001b[H')).toBe('c1\\u{1b}[2J\\u{1b}[H');
    expect(sanitizeForTerminal('a\u0007b\u009bc\u007fd')).toBe('a\\u{7}b\\u{9b}c\\u{7f}d');
    expect(sanitizeForTerminal('x\u202eexe.txt')).toBe('x\\u{202e}exe.txt');
    expect(sanitizeForTerminal('two\nlines\tand tab\r')).toBe('two\\nlines\\tand tab\\u{d}');
  });

  it('keeps ordinary text, accents and emoji; flags lone surrogates', () => {
    expect(sanitizeForTerminal('Ånnë 😀 — Prüfung')).toBe('Ånnë 😀 — Prüfung');
    expect(sanitizeForTerminal('bad\ud800end')).toBe('bad\\u{d800}end');
  });

  it('cuts long text', () => {
    expect(sanitizeForTerminal('a'.repeat(500), 10)).toBe('aaaaaaaaaa…');
  });
});
