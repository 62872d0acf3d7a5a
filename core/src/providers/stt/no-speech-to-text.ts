import type { SpeechToText, Transcript, TranscribeOptions } from './speech-to-text';

/**
 * The offline default: no transcription. The voice memo is still stored and stays playable for
 * the cook and the chef-coach; the analysis uses the cook's typed note instead of a transcript.
 */
export class NoSpeechToText implements SpeechToText {
  readonly provider = 'none' as const;

  async transcribe(_audioPath: string, options: TranscribeOptions = {}): Promise<Transcript | null> {
    options.signal?.throwIfAborted();
    return null;
  }
}
