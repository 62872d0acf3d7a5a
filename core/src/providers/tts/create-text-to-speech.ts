import type { Config } from '../../config';
import { EspeakTextToSpeech } from './espeak-tts';
import { GoogleTextToSpeech } from './google-tts';
import type { TextToSpeech } from './text-to-speech';

export interface TextToSpeechConfig {
  /** 'google': Cloud TTS (API key, or ADC without one); 'espeak' (the offline default) needs the espeak-ng binary. */
  provider: 'google' | 'espeak';
  cacheDir: string;
  googleApiKey?: string | undefined;
  googleBaseUrl?: string | undefined;
  googleVoice?: string | undefined;
  googleEnglishVoice?: string | undefined;
}

/** The narration voice the configuration selects (TTS_PROVIDER; default google when GOOGLE_TTS_API_KEY is set). */
export function textToSpeechConfig(config: Pick<Config, 'tts'>, cacheDir: string): TextToSpeechConfig {
  const tts = config.tts;
  if (tts.provider === 'espeak') return { provider: 'espeak', cacheDir };
  return { provider: 'google', cacheDir, googleApiKey: tts.apiKey, googleBaseUrl: tts.apiEndpoint };
}

/** The one place a TextToSpeech is built. */
export function createTextToSpeech(config: TextToSpeechConfig): TextToSpeech {
  if (config.provider === 'google') {
    return new GoogleTextToSpeech({
      cacheDir: config.cacheDir,
      apiKey: config.googleApiKey,
      baseUrl: config.googleBaseUrl,
      voice: config.googleVoice,
      englishVoice: config.googleEnglishVoice,
    });
  }
  return new EspeakTextToSpeech({ cacheDir: config.cacheDir });
}
