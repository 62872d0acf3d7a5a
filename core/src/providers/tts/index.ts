export { TtsError, isTtsError, TTS_SAMPLE_RATE, type TextToSpeech, type TtsLang, type SynthesizeOptions, type SynthesizedSpeech } from './text-to-speech';
export { TtsCache, ttsCacheKey } from './tts-cache';
export { EspeakTextToSpeech, type EspeakTtsOptions } from './espeak-tts';
export { GoogleTextToSpeech, GOOGLE_TTS_MAX_INPUT_BYTES, type GoogleTtsOptions } from './google-tts';
export { createTextToSpeech, type TextToSpeechConfig } from './create-text-to-speech';
export { japaneseReading, stripEmoji, spellLatin, DEFAULT_READING_OVERRIDES, type ReadingOverrides, type JapaneseReading } from './japanese-reading';
export { wavDurationSec } from './wav';
