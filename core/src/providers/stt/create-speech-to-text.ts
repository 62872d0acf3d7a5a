import { GoogleSpeechToText } from './google-speech';
import type { GoogleSpeechOptions } from './google-speech';
import { NoSpeechToText } from './no-speech-to-text';
import type { SpeechToText } from './speech-to-text';

/** Google Speech-to-Text when an API key or service account is configured, otherwise none (offline). */
export function createSpeechToText(google: GoogleSpeechOptions | undefined): SpeechToText {
  if (google && (google.apiKey || google.credentials)) return new GoogleSpeechToText(google);
  return new NoSpeechToText();
}
