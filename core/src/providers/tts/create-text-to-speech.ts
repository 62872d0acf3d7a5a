import { EspeakTextToSpeech } from './espeak-tts';
import { GoogleTextToSpeech } from './google-tts';
import type { TextToSpeech } from './text-to-speech';

export interface TextToSpeechConfig {
  /** 'google' needs an API key; 'espeak' (the offline default) needs the espeak-ng binary. */
  provider: 'google' | 'espeak';
  cacheDir: string;
  googleApiKey?: string | undefined;
  googleBaseUrl?: string | undefined;
  googleVoice?: string | undefined;
}

export function createTextToSpeech(config: TextToSpeechConfig): TextToSpeech {
  if (config.provider === 'google') {
    return new GoogleTextToSpeech({ cacheDir: config.cacheDir, apiKey: config.googleApiKey, baseUrl: config.googleBaseUrl, voice: config.googleVoice });
  }
  return new EspeakTextToSpeech({ cacheDir: config.cacheDir });
}
