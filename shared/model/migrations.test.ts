import { describe, expect, it } from 'vitest';
import { CURRENT_FORMAT_VERSION, MIGRATIONS, formatVersion, migrateDocument, type Migration } from './migrations';

describe('format migrations', () => {
  it('leaves a current document alone', () => {
    const doc = { format: 'sop-studio/graph@1', name: 'x' };
    const r = migrateDocument(doc);
    expect(r).toEqual({ ok: true, doc, migrated: false, applied: [] });
    expect(CURRENT_FORMAT_VERSION).toBe(1);
    expect(MIGRATIONS).toHaveLength(0);
  });

  it('chains migrations from an old version to the current one without mutating the input', () => {
    const chain: Migration[] = [
      { from: 1, describe: 'rename title → name', migrate: ({ title, ...rest }) => ({ ...rest, name: title }) },
      { from: 2, describe: 'stage → rollout', migrate: ({ stage, ...rest }) => ({ ...rest, rollout: stage }) },
    ];
    const old = { format: 'sop-studio/graph@1', title: 'Refunds', stage: 'assist', keep: { a: 1 } };
    const r = migrateDocument(old, chain, 3);
    expect(r).toEqual({
      ok: true,
      migrated: true,
      applied: ['rename title → name', 'stage → rollout'],
      doc: { format: 'sop-studio/graph@3', name: 'Refunds', rollout: 'assist', keep: { a: 1 } },
    });
    expect(old.title).toBe('Refunds');
  });

  it('refuses unknown, newer and unmigratable formats with a message', () => {
    expect(migrateDocument({ format: 'bpmn' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a SOP Studio graph'),
    });
    expect(migrateDocument({ format: 'sop-studio/graph@9' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('newer'),
    });
    expect(migrateDocument({ format: 'sop-studio/graph@0' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('no migration'),
    });
    expect(formatVersion('sop-studio/graph@12')).toBe(12);
    expect(formatVersion('sop-studio/graph@x')).toBeNull();
  });
});
