import type { Knex } from 'knex';
import type { MediaAssetRow } from '../../../data/media-assets';
import type { NarrationScriptRow } from '../../../data/narration-scripts';
import type { PlayableVideoProbe } from '../../../media/probe-video';
import type { TextToSpeech } from '../../../providers/tts/text-to-speech';
import { buildTimeline } from '../../../video/build-timeline';
import { narrationScriptSchema } from '../../coaching/narration-script';
import { loadFootageHints } from '../load-footage-hints';
import type { SessionContext } from '../load-session-context';

export type RenderTimeline = { built: Awaited<ReturnType<typeof buildTimeline>> | { ok: false; draft: null; issues: Array<{ path: string; message: string }> }; audio: Map<string, string> };

/**
 * The timeline spec of a render: the stored script (validated again: it may predate a rule), its
 * key moment and the footage, with every line synthesized (the audio files by key, for the renderer).
 */
export async function buildRenderTimeline(
  deps: { knex: Knex; tts: TextToSpeech },
  input: { sc: SessionContext; scriptRow: Pick<NarrationScriptRow, 'content' | 'key_moment'>; media: MediaAssetRow; signal: AbortSignal },
): Promise<RenderTimeline> {
  const { sc, scriptRow, media } = input;
  const probe = media.probe as unknown as Pick<PlayableVideoProbe, 'durationSec' | 'hasAudio'> & Partial<Pick<PlayableVideoProbe, 'width' | 'height'>>;
  const keyMoment = scriptRow.key_moment as { start: number; end: number; at?: number };
  const parsed = narrationScriptSchema.safeParse(scriptRow.content);
  const audio = new Map<string, string>();
  if (!parsed.success) {
    return { audio, built: { ok: false, draft: null, issues: parsed.error.issues.map((i) => ({ path: ['script', ...i.path].join('.'), message: i.message })) } };
  }
  const built = await buildTimeline({
    script: parsed.data,
    keyMoment,
    source: { durationSec: probe.durationSec, hasAudio: probe.hasAudio, key: media.storage_key },
    footage: await loadFootageHints(deps.knex, sc.session.id, keyMoment, probe),
    learnerName: sc.learner.name,
    dish: sc.dish.name,
    locale: sc.learner.locale,
    tts: async (text, lang) => {
      const speech = await deps.tts.synthesize(text, { lang, signal: input.signal });
      audio.set(speech.key, speech.audioPath);
      return { key: speech.key, durationSec: speech.durationSec };
    },
  });
  return { built, audio };
}
