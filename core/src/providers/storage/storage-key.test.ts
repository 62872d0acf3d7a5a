import { describe, expect, it } from 'vitest';
import {
  STORAGE_KINDS,
  assertValidStorageKey,
  buildStorageKey,
  isValidStorageKey,
  newStorageKey,
  parseStorageKey,
  validateStorageKey,
} from './storage-key';
import { StorageError } from './storage-provider';

const SESSION = '0b5c3f3e-8a4d-4c1e-9f2a-6d7e8f9a0b1c';
const FILE = '7f9e2d1c-3b4a-4a5b-8c6d-1e2f3a4b5c6d';
const VALID = `sessions/${SESSION}/source-video/${FILE}.mp4`;

describe('buildStorageKey', () => {
  it('builds sessions/<uuid>/<kind>/<uuid>.<ext> for every allowed kind', () => {
    for (const kind of STORAGE_KINDS) {
      expect(buildStorageKey({ sessionId: SESSION, kind, fileId: FILE, ext: 'mp4' })).toBe(
        `sessions/${SESSION}/${kind}/${FILE}.mp4`,
      );
    }
  });

  it('normalises case and a leading dot on the extension', () => {
    expect(
      buildStorageKey({ sessionId: SESSION.toUpperCase(), kind: 'poster', fileId: FILE.toUpperCase(), ext: '.JPG' }),
    ).toBe(`sessions/${SESSION}/poster/${FILE}.jpg`);
  });

  it('rejects parts that are not UUIDs, unknown kinds and bad extensions', () => {
    const bad = [
      { sessionId: '../etc', kind: 'poster', fileId: FILE, ext: 'jpg' },
      { sessionId: SESSION, kind: 'poster', fileId: 'not-a-uuid', ext: 'jpg' },
      { sessionId: SESSION, kind: 'secrets', fileId: FILE, ext: 'jpg' },
      { sessionId: SESSION, kind: 'poster', fileId: FILE, ext: 'j/pg' },
      { sessionId: SESSION, kind: 'poster', fileId: FILE, ext: 'toolongext' },
      { sessionId: SESSION, kind: 'poster', fileId: FILE, ext: '' },
    ];
    for (const parts of bad) {
      expect(() => buildStorageKey(parts as never)).toThrow(StorageError);
      try {
        buildStorageKey(parts as never);
      } catch (err) {
        expect((err as StorageError).code).toBe('invalid_key');
      }
    }
  });

  it('newStorageKey picks a fresh file UUID each time', () => {
    const a = newStorageKey(SESSION, 'render', 'mp4');
    const b = newStorageKey(SESSION, 'render', 'mp4');
    expect(a).not.toBe(b);
    expect(isValidStorageKey(a)).toBe(true);
    expect(parseStorageKey(a)).toMatchObject({ sessionId: SESSION, kind: 'render', ext: 'mp4' });
  });
});

describe('validateStorageKey', () => {
  it('accepts a well-formed key and parses it', () => {
    expect(validateStorageKey(VALID)).toEqual({
      ok: true,
      parts: { sessionId: SESSION, kind: 'source-video', fileId: FILE, ext: 'mp4' },
    });
  });

  it.each([
    ['path traversal', `sessions/${SESSION}/../../etc/passwd`],
    ['traversal hidden in a segment', `sessions/${SESSION}/poster/..${FILE}.jpg`],
    ['traversal after a valid key', `${VALID}/../../x`],
    ['leading traversal', `../sessions/${SESSION}/poster/${FILE}.jpg`],
    ['absolute path', `/sessions/${SESSION}/poster/${FILE}.jpg`],
    ['absolute system path', '/etc/passwd'],
    ['windows drive', `C:sessions/${SESSION}/poster/${FILE}.jpg`],
    ['backslash', `sessions\\${SESSION}\\poster\\${FILE}.jpg`],
    ['mixed separators', `sessions/${SESSION}/poster\\..\\${FILE}.jpg`],
    ['NUL byte', `sessions/${SESSION}/poster/${FILE}.jpg\u0000.png`],
    ['newline', `sessions/${SESSION}/poster/${FILE}.jpg\n`],
    ['carriage return', `sessions/${SESSION}/poster/\r${FILE}.jpg`],
    ['DEL', `sessions/${SESSION}/poster/${FILE}.jp\u007f`],
    ['C1 control', `sessions/${SESSION}/poster/${FILE}.jpg\u0085`],
    ['double slash', `sessions//${SESSION}/poster/${FILE}.jpg`],
    ['dot segment', `sessions/./${SESSION}/poster/${FILE}.jpg`],
    ['trailing slash', `${VALID}/`],
    ['unknown kind', `sessions/${SESSION}/secrets/${FILE}.jpg`],
    ['upper-case UUID', `sessions/${SESSION.toUpperCase()}/poster/${FILE}.jpg`],
    ['not a UUID', `sessions/abc/poster/${FILE}.jpg`],
    ['nil-version UUID', `sessions/00000000-0000-0000-0000-000000000000/poster/${FILE}.jpg`],
    ['no extension', `sessions/${SESSION}/poster/${FILE}`],
    ['double extension', `sessions/${SESSION}/poster/${FILE}.jpg.php`],
    ['url-encoded traversal', `sessions/${SESSION}/poster/%2e%2e%2f${FILE}.jpg`],
    ['extra segment', `sessions/${SESSION}/poster/x/${FILE}.jpg`],
    ['other prefix', `users/${SESSION}/poster/${FILE}.jpg`],
    ['empty', ''],
    ['very long', `${VALID}${'a'.repeat(300)}`],
  ])('rejects %s', (_label, key) => {
    const result = validateStorageKey(key);
    expect(result.ok).toBe(false);
    expect(isValidStorageKey(key)).toBe(false);
    expect(() => assertValidStorageKey(key)).toThrow(
      expect.objectContaining({ name: 'StorageError', code: 'invalid_key' }),
    );
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['sessions']]) {
      expect(validateStorageKey(value).ok).toBe(false);
    }
  });

  it('never echoes the raw key in the error message', () => {
    try {
      assertValidStorageKey('sessions/\u0000\r\n<script>');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('<script>');
      expect((err as Error).message).toMatch(/control characters/);
    }
  });
});
