import { playableFootage } from '../../data/media-assets';
import { createHash } from 'node:crypto';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import type { PlayableVideoProbe } from '../../media/probe-video';
import { applauseWav, musicWav } from '../../render/synth-audio';
import { buildTimeline } from '../../video/build-timeline';
import { describeTimelineIssues, formatBilingual } from '../../video/timeline-messages';
import { loadFootageHints } from '../pipeline/load-footage-hints';
import type { TimelineIssue, TimelineSpec } from '../../video/timeline-spec';
import type { NarrationScript } from '../coaching/narration-script';
import { publishPreviewAudio } from './publish-preview-media';
import type { ReviewDeps } from './review-deps';
import { reviewSubject } from '../../data/review-items';

/** remotion/src/props.ts CoachingVideoMedia (kept structural so core does not import remotion/). */
export interface PreviewMedia {
  sourceVideoUrl: string;
  audioUrls: Record<string, string>;
  trackUrls: Record<string, string>;
}

export class TimelineInvalidError extends AppError {
  constructor(issues: TimelineIssue[]) {
    super(422, 'timeline_invalid', formatBilingual(describeTimelineIssues(issues)), { issues });
  }
}

/**
 * The live preview's input: the timeline spec built exactly as the render stage builds it (same
 * buildTimeline, same TTS and cache, so real durations), and signed URLs for everything it plays.
 * Narration WAVs and the synthesised music/applause are copied into storage once under
 * content-addressed keys, so any API process (and GCS) can serve them by signed URL.
 */
export async function previewCoachingVideo(
  deps: ReviewDeps,
  id: string,
  input: { script: NarrationScript; keyMoment: { start: number; end: number } },
  signal?: AbortSignal,
): Promise<{ spec: TimelineSpec; media: PreviewMedia }> {
  const { knex } = deps;
  const subject = await reviewSubject(knex, id);
  if (!subject) throw new NotFoundError('Review item');
  // The same footage the render stage cuts from: the proxy when there is one.
  const media = await playableFootage(knex, subject.session_id);
  if (!media) throw new ConflictError('This session has no playable video yet.', 'no_video');
  const probe = media.probe as unknown as Pick<PlayableVideoProbe, 'durationSec' | 'hasAudio'> & Partial<Pick<PlayableVideoProbe, 'width' | 'height'>>;

  const audio = new Map<string, string>();
  const built = await buildTimeline({
    script: input.script,
    keyMoment: input.keyMoment,
    source: { durationSec: probe.durationSec, hasAudio: probe.hasAudio, key: media.storage_key },
    footage: await loadFootageHints(knex, subject.session_id as string, input.keyMoment, probe),
    // As loadSessionContext names the cook: the name they chose, else their given name.
    learnerName: (subject.display_name as string | null) ?? String(subject.name).split(/\s+/).pop() ?? subject.name,
    dish: { ja: subject.name_ja, en: subject.name_en },
    locale: subject.locale,
    tts: async (text, lang) => {
      const speech = await deps.tts.synthesize(text, { lang, signal });
      audio.set(speech.key, speech.audioPath);
      return { key: speech.key, durationSec: speech.durationSec };
    },
  });
  if (!built.ok) throw new TimelineInvalidError(built.issues);

  const owner = { sessionId: subject.session_id as string, userId: subject.user_id as string };
  const sign = (key: string) => deps.storage.signedUrl(key, { expiresInSeconds: deps.mediaUrlTtlSeconds });
  const publish = async (hash: string, file: string) => sign(await publishPreviewAudio(deps, owner, hash, file));

  const audioUrls: Record<string, string> = {};
  await Promise.all([...audio].map(async ([key, file]) => (audioUrls[key] = await publish(key, file))));

  // The renderer's beds: one music loop for intro and outro, applause as long as the spec asks.
  const trackFiles = new Map<string, string>();
  for (const segment of built.spec.segments) {
    const music = (segment as { music?: { track: string } | null }).music;
    if (music) trackFiles.set(music.track, await musicWav(deps.synthCacheDir));
    if (segment.kind === 'outro') trackFiles.set(segment.applause.track, await applauseWav(deps.synthCacheDir, { durationSec: Math.round(segment.applause.durationSec * 10) / 10 }));
  }
  const trackUrls: Record<string, string> = {};
  for (const [track, file] of trackFiles) {
    // Named by what was synthesised (its cache file name carries the parameters' hash).
    trackUrls[track] = await publish(createHash('sha256').update(`synth:${file.split('/').pop()}`).digest('hex'), file);
  }
  return { spec: built.spec, media: { sourceVideoUrl: await sign(media.storage_key), audioUrls, trackUrls } };
}
