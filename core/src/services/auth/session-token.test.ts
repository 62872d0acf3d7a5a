import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSessionToken, verifySessionToken } from './session-token';

const SECRET = 'a-test-session-secret-of-enough-length-0123456789';

describe('session tokens', () => {
  it('round-trips a session id as "<id>.<HMAC>"', () => {
    const id = randomUUID();
    const token = signSessionToken(id, SECRET);
    expect(token).toMatch(new RegExp(`^${id}\\.[\\w-]{43}$`));
    expect(verifySessionToken(token, SECRET)).toBe(id);
  });

  it('is deterministic for one id and secret, different across ids and secrets', () => {
    const id = randomUUID();
    expect(signSessionToken(id, SECRET)).toBe(signSessionToken(id, SECRET));
    expect(signSessionToken(id, SECRET)).not.toBe(signSessionToken(id, `${SECRET}x`));
    expect(signSessionToken(id, SECRET).split('.')[1]).not.toBe(signSessionToken(randomUUID(), SECRET).split('.')[1]);
  });

  it('refuses a tampered id', () => {
    const id = randomUUID();
    const [, sig] = signSessionToken(id, SECRET).split('.');
    const otherId = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
    expect(verifySessionToken(`${otherId}.${sig}`, SECRET)).toBeNull();
    expect(verifySessionToken(`${randomUUID()}.${sig}`, SECRET)).toBeNull();
  });

  it('refuses a tampered, truncated, extended or missing signature', () => {
    const id = randomUUID();
    const token = signSessionToken(id, SECRET);
    const [, sig] = token.split('.') as [string, string];
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    for (const bad of [`${id}.${flipped}`, `${id}.${sig.slice(0, -2)}`, `${id}.${sig}AA`, `${id}.`, id, `${id}.${sig}.${sig}`, `.${sig}`, '', '.']) {
      expect(verifySessionToken(bad, SECRET), bad).toBeNull();
    }
  });

  it('refuses a token signed with another secret', () => {
    const id = randomUUID();
    expect(verifySessionToken(signSessionToken(id, 'another-secret-entirely-0123456789abcdef'), SECRET)).toBeNull();
  });

  it('refuses a correctly signed id that is not a uuid', () => {
    for (const id of ['not-a-uuid', '1', "x' OR '1'='1", `${randomUUID()}0`, randomUUID().toUpperCase()]) {
      expect(verifySessionToken(signSessionToken(id, SECRET), SECRET), id).toBeNull();
    }
  });

  it('refuses correctly signed 36-character strings that only look like uuids', () => {
    for (const id of ['-'.repeat(36), 'a'.repeat(36), '0123456789abcdef0123456789abcdef----']) {
      expect(verifySessionToken(signSessionToken(id, SECRET), SECRET), id).toBeNull();
    }
  });
});
