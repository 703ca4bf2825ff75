// The audit key and its MAC, against an independent implementation: the expected HMAC-SHA-256
// values were computed with Python's hmac/hashlib (not with this code), so a wrong key decoding
// (hex pairs, byte order) or a wrong message encoding (UTF-8) shows up as a different MAC.
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashRecord } from './auditHash';
import { hmacHex, importAuditKey, newAuditKeyText, sameMac } from './auditKey';

const KEY_0_TO_31 = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

describe('audit key', () => {
  it('HMAC-SHA-256 matches Python hmac for the key bytes 00..1f and a UTF-8 message', async () => {
    const key = await importAuditKey(`${KEY_0_TO_31}\n`);
    expect(await hmacHex(key, 'audit line é')).toBe('eabfd44b8a2395ed202ab2a6cb4dd7d097a17452c971084c58b8287b4fd972b4');
  });

  it('decodes every hex pair, up to the last byte (ff x31, 01) over the empty message', async () => {
    const key = await importAuditKey(`  ${'ff'.repeat(31)}01  `);
    expect(await hmacHex(key, '')).toBe('e813138627e093277ef41c6c60f4eaa08b46eff6cf6c5c491cc1b21801a0eea0');
  });

  it('imports a non-extractable HMAC-SHA-256 key of 256 bits that can only sign', async () => {
    const key = await importAuditKey(KEY_0_TO_31);
    // the secret stays inside Web Crypto: exportKey on it is refused
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    expect(key.usages).toEqual(['sign']);
    expect(key.algorithm).toEqual({ name: 'HMAC', hash: { name: 'SHA-256' }, length: 256 });
  });

  it('refuses anything but 64 lower-case hex characters, with the reason', async () => {
    for (const bad of [
      KEY_0_TO_31.toUpperCase(),
      KEY_0_TO_31.slice(1),
      `${KEY_0_TO_31}0`,
      `x${KEY_0_TO_31.slice(1)}`,
      '',
      `${KEY_0_TO_31.slice(0, 32)} ${KEY_0_TO_31.slice(32)}`,
    ]) {
      await expect(importAuditKey(bad), bad).rejects.toThrow(
        'an audit key file holds 64 lower-case hex characters (256 bits)',
      );
    }
  });

  it('a new key file is 64 lower-case hex characters and a newline, fresh every time, and imports', async () => {
    const a = newAuditKeyText();
    const b = newAuditKeyText();
    expect(a).toMatch(/^[0-9a-f]{64}\n$/);
    expect(a).not.toBe(b);
    await expect(importAuditKey(a)).resolves.toBeDefined();
  });

  it('sameMac: equal strings only; a difference at the first or last character or in length is not', () => {
    expect(sameMac('abcd', 'abcd')).toBe(true);
    expect(sameMac('', '')).toBe(true);
    expect(sameMac('abcd', 'xbcd')).toBe(false);
    expect(sameMac('abcd', 'abcx')).toBe(false);
    expect(sameMac('abcd', 'abc')).toBe(false);
    expect(sameMac('abc', 'abcd')).toBe(false);
  });
});

describe('record hash', () => {
  it('is SHA-256 of the canonical JSON (sorted keys): {"a":1,"b":"x"} hashes like its text', async () => {
    // sha256('{"a":1,"b":"x"}') computed independently with Python hashlib
    expect(await hashRecord({ b: 'x', a: 1 })).toBe('ecf9e98ec0641e23113ff3ce8bdc78d0ddd249886517fd4a7f68cc83d4e65667');
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});
