import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FFMPEG_BASE_ARGS, runMediaTool } from '../../../media/run-media-tool';
import { generateTestVideo, type TestVideoOptions, type TestVideoTimeline } from '../../../media/testing/generate-test-video';
import { makeCameraWalkClip, makeCornerTossClip, makeSpeechHumClip } from './physical-clips';

type Annotation = {
  cooking?: boolean;
  audio?: boolean;
  abstain?: boolean;
  events?: Array<{ type: string; start: number; end: number }>;
  frying?: Array<[number, number]>;
  covered?: Array<[number, number]>;
  note?: string;
};

/** Ground truth for a generated cooking clip, from its own timeline. */
function annotate(tl: TestVideoTimeline): Annotation {
  const events: Annotation['events'] = [{ type: 'ingredient_added', start: tl.addAt, end: tl.burst.end }];
  for (const s of tl.stirring) events.push({ type: 'stirring', start: s.start, end: s.end });
  if (tl.flipAt !== null) events.push({ type: 'flipping', start: tl.flipAt, end: tl.flipAt + 0.8 });
  if (tl.hasAudio && tl.sizzle === 'normal') events.push({ type: 'sizzle_starts', start: tl.addAt, end: tl.addAt + 1 });
  return {
    cooking: true,
    audio: tl.hasAudio,
    events,
    // The crackle carries on, quieter, after plating (the pan is still hot); the oil heating before is quiet.
    ...(tl.hasAudio ? { frying: [[tl.addAt, tl.durationSec]] as Array<[number, number]> } : {}),
  };
}

/**
 * The generated evaluation set: cooking clips from the test-video generator (normal, a cold pan,
 * no sound, no movement, portrait), clips the analyzer must abstain on (3 s, lens covered
 * throughout, a scene with no pan and only hum), and sounds (crackle = frying; steady noise like
 * running water, and hum = not frying). Writes the media and annotations.json into `dir`.
 */
export async function generateEvalSet(dir: string): Promise<void> {
  const files: Record<string, Annotation> = {};
  const clip = async (name: string, options: TestVideoOptions, extra: Partial<Annotation> = {}) => {
    const tl = await generateTestVideo(path.join(dir, name), { width: 640, height: 360, grain: 6, ...options });
    files[name] = { ...annotate(tl), ...extra };
    return tl;
  };
  await clip('gen_normal_60s.mp4', { durationSec: 60 });
  await clip('gen_cold_pan_60s.mp4', { durationSec: 60, sizzle: 'weak' }, { frying: [[15, 60]] });
  await clip('gen_no_audio_45s.mp4', { durationSec: 45, audio: false });
  await clip('gen_no_movement_40s.mp4', { durationSec: 40, movement: 'none' });
  await clip('gen_portrait_30s.mp4', { durationSec: 30, width: 360, height: 640 });
  // Lens covered from start to end: nothing can be said.
  await clip('gen_covered_20s.mp4', { durationSec: 20, events: { darkStart: 0, darkEnd: 20 } }, { abstain: true, events: [], note: 'lens covered throughout' });

  // 3 s: too short (cut from a generated clip).
  const long = path.join(dir, '.gen_long.mp4');
  await generateTestVideo(long, { durationSec: 12, width: 640, height: 360 });
  await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', long, '-t', '3', '-c', 'copy', path.join(dir, 'gen_3s.mp4')]);
  files['gen_3s.mp4'] = { cooking: true, abstain: true, audio: true, events: [], note: 'too short' };
  await rm(long, { force: true });

  // No pan: a moving test pattern with extractor-fan hum (a 120 Hz tone and its harmonics).
  await runMediaTool('ffmpeg', [
    ...FFMPEG_BASE_ARGS,
    '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=20',
    '-f', 'lavfi', '-i', "aevalsrc=exprs='0.05*sin(2*PI*120*t)+0.02*sin(2*PI*240*t)+0.01*sin(2*PI*360*t)':s=48000:d=20",
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(dir, 'gen_not_cooking_hum_20s.mp4'),
  ]);
  files['gen_not_cooking_hum_20s.mp4'] = { cooking: false, audio: true, events: [], frying: [] };

  // The physical situations of real footage (physical-clips.ts): camera walking, a corner toss then a hand over the lens, speech and fan hum.
  files['gen_camera_walk_12s.mp4'] = await makeCameraWalkClip(path.join(dir, 'gen_camera_walk_12s.mp4'));
  files['gen_corner_toss_hand_10s.mp4'] = await makeCornerTossClip(path.join(dir, 'gen_corner_toss_hand_10s.mp4'));
  files['gen_speech_hum_20s.mp4'] = await makeSpeechHumClip(path.join(dir, 'gen_speech_hum_20s.mp4'));

  // Sounds: crackle (frying), steady broadband noise (a tap), hum.
  const sound = async (name: string, filter: string, frying: Array<[number, number]>) => {
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-f', 'lavfi', '-i', filter, '-t', '6', '-ac', '1', path.join(dir, name)]);
    files[name] = { frying };
  };
  await sound(
    'gen_crackle.wav',
    "anoisesrc=color=white:amplitude=0.12:r=48000:seed=3:d=6[a];aevalsrc=exprs='lt(random(0)\\,0.004)*(2*random(1)-1)*0.9':s=48000:d=6[b];[a][b]amix=inputs=2:normalize=0,highpass=f=2000",
    [[0, 6]],
  );
  await sound('gen_tap_noise.wav', 'anoisesrc=color=white:amplitude=0.3:r=48000:seed=5:d=6,highpass=f=1500', []);
  await sound('gen_boil_like.wav', 'anoisesrc=color=brown:amplitude=0.4:r=48000:seed=9:d=6,lowpass=f=1200', []);
  await sound('gen_hum.wav', "aevalsrc=exprs='0.1*sin(2*PI*100*t)+0.03*sin(2*PI*200*t)':s=48000:d=6", []);

  await writeFile(
    path.join(dir, 'annotations.json'),
    `${JSON.stringify({ about: 'Generated evaluation set (core/src/services/analysis/testing/generate-eval-set.ts). Times in seconds.', files }, null, 1)}\n`,
  );
}
