import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash';

describe('password hashing (scrypt)', () => {
  it('round-trips, in a self-describing format, salted per hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    const again = await hashPassword('correct horse battery staple');
    expect(again).not.toBe(hash);
    expect(await verifyPassword('correct horse battery staple', again)).toBe(true);
  });

  it('refuses a wrong password, including near misses', async () => {
    const hash = await hashPassword('s3cret-passw0rd');
    for (const wrong of ['s3cret-passw0rd ', 'S3cret-passw0rd', 's3cret-passw0r', '']) {
      expect(await verifyPassword(wrong, hash), JSON.stringify(wrong)).toBe(false);
    }
  });

  it('refuses a tampered hash: key, salt or parameters changed', async () => {
    const hash = await hashPassword('tamper me please');
    const [scheme, n, r, p, salt, key] = hash.split('$') as [string, string, string, string, string, string];
    const flip = (s: string) => `${s.slice(0, 5)}${s[5] === 'A' ? 'B' : 'A'}${s.slice(6)}`;
    const tampered = [
      [scheme, n, r, p, salt, flip(key)],
      [scheme, n, r, p, flip(salt), key],
      [scheme, '16384', r, p, salt, key],
      [scheme, n, '4', p, salt, key],
      [scheme, n, r, '2', salt, key],
      [scheme, n, r, p, salt, key.slice(0, 20)],
    ];
    for (const parts of tampered) expect(await verifyPassword('tamper me please', parts.join('$')), parts.join('$')).toBe(false);
  });

  it('normalises to NFKC: the same password typed as full-width or decomposed characters matches', async () => {
    const hash = await hashPassword('pass123café');
    expect(await verifyPassword('ｐａｓｓ１２３café', hash)).toBe(true); // full-width, from a Japanese IME
    expect(await verifyPassword('pass123cafe\u0301', hash)).toBe(true); // e + combining acute
    const jp = await hashPassword('ﾊﾟｽﾜｰﾄﾞ'); // half-width katakana
    expect(await verifyPassword('パスワード', jp)).toBe(true);
  });

  it('returns false (never throws) for stored strings that are not our hashes', async () => {
    for (const stored of ['', 'garbage', '$2b$10$abcdefghijklmnopqrstuv', 'scrypt', 'scrypt$32768$8$1$$', 'scrypt$32768$8$1$c2FsdA$']) {
      await expect(verifyPassword('whatever', stored), JSON.stringify(stored)).resolves.toBe(false);
    }
  });

  it('returns false (never throws) for malformed scrypt parameters', async () => {
    for (const stored of ['scrypt$abc$8$1$c2FsdA$a2V5', 'scrypt$3$8$1$c2FsdA$a2V5', `scrypt$${2 ** 30}$8$1$c2FsdA$a2V5`, 'scrypt$$$$c2FsdA$a2V5']) {
      await expect(verifyPassword('whatever', stored), JSON.stringify(stored)).resolves.toBe(false);
    }
  });
});
