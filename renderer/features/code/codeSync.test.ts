import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeGraphDocument } from '../../../shared/model/parse';
import { withDefaults } from '../../../shared/model/defaults';
import { applyReplacement, minimalReplacement } from '../../monaco/textReplacement';
import { readEditedText } from './codeSync';

describe('minimalReplacement', () => {
  it('touches only the changed middle', () => {
    expect(minimalReplacement('"tier": "auto"', '"tier": "human"')).toEqual({ start: 9, end: 13, text: 'human' });
    expect(minimalReplacement('same', 'same')).toBeNull();
  });

  it('always reproduces the new text', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => applyReplacement(a, minimalReplacement(a, b)) === b));
  });
});

describe('readEditedText', () => {
  const doc = withDefaults({ machine: { id: 'm', initial: 'a', states: { a: { type: 'final' } } } });
  const text = serializeGraphDocument(doc);

  it('reads valid text into a document', () => {
    const r = readEditedText(text.replace('"final"', '"atomic"'));
    expect(r.ok && r.doc.machine.states?.a?.type).toBe('atomic');
  });

  it('reports a syntax error with its line and column', () => {
    const r = readEditedText(text.replace('"machine": {', '"machine": {,'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toMatch(/line \d+, column \d+/);
  });

  it('reports a schema error with its path', () => {
    const r = readEditedText(text.replace('"rollout": "observe"', '"rollout": "sometimes"'));
    expect(!r.ok && r.problems.join('\n')).toMatch(/^rollout: /m);
  });
});
