import { describe, expect, it } from 'vitest';
import { paramsText, parseParamsDraft } from './paramsDraft';

describe('edit-and-approve params', () => {
  it('shows the agent params without caseId, and reads an edited object back', () => {
    const text = paramsText({ caseId: 'c-1', amount: 120, currency: 'EUR' });
    expect(JSON.parse(text)).toEqual({ amount: 120, currency: 'EUR' });
    expect(paramsText(null)).toBe('{}');
    expect(parseParamsDraft('{"amount": 40, "note": "partial"}')).toEqual({
      ok: true,
      params: { amount: 40, note: 'partial' },
    });
  });

  it('refuses what the service would not take, saying why', () => {
    expect(parseParamsDraft('{"amount": 40,}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Not JSON/),
    });
    expect(parseParamsDraft('[1,2]')).toMatchObject({ ok: false, message: expect.stringMatching(/not an array/) });
    expect(parseParamsDraft('null')).toMatchObject({ ok: false, message: expect.stringMatching(/not null/) });
    expect(parseParamsDraft('42')).toMatchObject({ ok: false, message: expect.stringMatching(/not number/) });
    expect(parseParamsDraft('{"caseId": "other"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/caseId is set by the service/),
    });
    expect(parseParamsDraft(`{"a": "${'x'.repeat(70_000)}"}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/longer than/),
    });
  });
});
