import { runMediaTool, type MediaCallOptions } from './run-media-tool';

/**
 * The duration of a file whose container does not state it, read from its packets: a WebM made
 * by a browser's MediaRecorder (Cook Cam) is written as a live stream, with no Duration element
 * and no cues, so ffprobe reports none. Demuxing only (no decoding): about a second for an hour.
 * Returns the end of the last packet, or null when there are none.
 */
export async function durationFromPackets(path: string, options: MediaCallOptions = {}): Promise<number | null> {
  const res = await runMediaTool(
    'ffprobe',
    ['-hide_banner', '-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', path],
    { ...options, allowFailure: true },
  );
  if (res.exitCode !== 0) return null;
  return lastPacketEnd(res.stdout.toString('utf8'));
}

/** Pure: the latest `pts + duration` in ffprobe's `pts_time,duration_time` CSV lines. */
export function lastPacketEnd(csv: string): number | null {
  let end = 0;
  for (const line of csv.split('\n')) {
    const [pts, dur] = line.trim().split(',');
    const t = Number(pts);
    if (!line.trim() || !Number.isFinite(t)) continue;
    const d = Number(dur);
    end = Math.max(end, t + (Number.isFinite(d) && d > 0 ? d : 0));
  }
  return end > 0 ? Math.round(end * 1000) / 1000 : null;
}
