import { describe, expect, it } from 'vitest';
import { ApiError, KNOWN_ERROR_CODES, errorMessageKey } from './apiError';
import { messages } from './messages';

describe('API errors in the console', () => {
  it('every known code has words in Japanese and English', () => {
    for (const code of KNOWN_ERROR_CODES) {
      expect(messages.ja.errors[code], code).toMatch(/\S/);
      expect(messages.en.errors[code], code).toMatch(/\S/);
    }
  });

  it("turns the API's envelope into a translation key, keeping the code and request id for Details", () => {
    const error = new ApiError(409, { error: { code: 'version_conflict', message: 'Someone saved version 3 of this principle since you opened version 2.' }, requestId: 'req-1' });
    expect(error.message).toBe('ajimi.errors.version_conflict');
    expect(error).toMatchObject({ status: 409, code: 'version_conflict', requestId: 'req-1' });
    expect(error.message).not.toContain('req-1');
  });

  it('an unknown code gets words for its status, never the server text', () => {
    expect(errorMessageKey('brand_new_code', 404)).toBe('ajimi.errors.not_found');
    expect(errorMessageKey(undefined, 503)).toBe('ajimi.errors.internal_error');
    expect(errorMessageKey(undefined, 0)).toBe('ajimi.errors.network');
    expect(errorMessageKey('odd', 418)).toBe('ajimi.errors.unknown');
    expect(new ApiError(500, 'not json').message).toBe('ajimi.errors.internal_error');
  });
});
