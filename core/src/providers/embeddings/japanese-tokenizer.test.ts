import { afterAll, describe, expect, it, vi } from 'vitest';
import { getJapaneseTokenizer, setJapaneseTokenizerIdleMs } from './japanese-tokenizer';

afterAll(() => {
  vi.useRealTimers();
  setJapaneseTokenizerIdleMs(60_000);
});

describe('getJapaneseTokenizer', () => {
  it('shares one tokenizer while uses keep coming, lets it go after the idle time and rebuilds on the next use', async () => {
    // Only the idle clock is faked: the dictionary still loads from disk for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    setJapaneseTokenizerIdleMs(60_000);
    const first = await getJapaneseTokenizer();
    expect(first.tokenize('味見をする').map((t) => t.surface_form)).toEqual(['味見', 'を', 'する']);
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(50_000); // each use restarts the idle clock
      expect(await getJapaneseTokenizer()).toBe(first);
    }

    vi.advanceTimersByTime(60_000);
    const rebuilt = await getJapaneseTokenizer();
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.tokenize('味見をする').map((t) => t.surface_form)).toEqual(['味見', 'を', 'する']);
  }, 120_000);
});
