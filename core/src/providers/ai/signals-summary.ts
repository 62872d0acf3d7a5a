import type { SecondSignal, VideoSignals } from '../../domain/signals';

/** Bucket sizes (seconds) tried in order; the first that keeps the table at most MAX_ROWS wins. */
const BUCKETS = [1, 2, 3, 5, 10, 15, 20, 30, 60];
const MAX_ROWS = 60;

/** "3–7, 12, 40–41" for a sorted list of integer seconds. */
export function formatSecondRanges(seconds: number[]): string {
  if (!seconds.length) return 'なし / none';
  const parts: string[] = [];
  let start = seconds[0] as number;
  let prev = start;
  for (const s of [...seconds.slice(1), Number.NaN]) {
    if (s === prev + 1) {
      prev = s;
      continue;
    }
    parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = s;
    prev = s;
  }
  return parts.join(', ');
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function bucketRow(rows: SecondSignal[], from: number, to: number, hasAudio: boolean): string {
  const n = rows.length;
  const avg = (f: (s: SecondSignal) => number) => rows.reduce((a, s) => a + f(s), 0) / n;
  const flags = [
    rows.some((s) => s.obstructed) ? 'O' : '',
    rows.some((s) => s.tooDark) ? 'D' : '',
    rows.some((s) => s.blurry) ? 'B' : '',
  ].join('');
  const range = from === to ? `${from}` : `${from}-${to}`;
  const audio = hasAudio ? ` L${Math.round(avg((s) => s.loudness))} S${Math.round(avg((s) => s.sizzle))}` : '';
  return `${range}: m${round(avg((s) => s.motion), 2)}${audio}${flags ? ` ${flags}` : ''}`;
}

/**
 * A compact, model-readable summary of ingest's per-second signals for the analyze prompt:
 * flagged stretches, peaks, and a downsampled table (at most 60 rows whatever the length).
 */
export function summarizeSignals(signals: VideoSignals): string {
  const seconds = [...signals.seconds].sort((a, b) => a.t - b.t);
  const duration = Number.isFinite(signals.durationSec) ? signals.durationSec : seconds.length;
  const lines: string[] = [];
  lines.push(`動画の長さ / duration: ${round(duration, 1)} 秒 (s); 音声 / audio: ${signals.hasAudio ? 'あり / yes' : 'なし / none'}`);
  lines.push(`カメラが塞がれた秒 / obstructed seconds (O): ${formatSecondRanges(seconds.filter((s) => s.obstructed).map((s) => s.t))}`);
  lines.push(`暗すぎる秒 / too dark (D): ${formatSecondRanges(seconds.filter((s) => s.tooDark).map((s) => s.t))}`);
  lines.push(`ぶれている秒 / blurry (B): ${formatSecondRanges(seconds.filter((s) => s.blurry).map((s) => s.t))}`);
  if (seconds.length) {
    const top = (f: (s: SecondSignal) => number, k: number) =>
      [...seconds].sort((a, b) => f(b) - f(a) || a.t - b.t).slice(0, k);
    lines.push(
      `動きが大きい秒 / most motion: ${top((s) => s.motion, 3)
        .map((s) => `${s.t}s (${round(s.motion, 2)})`)
        .join(', ')}`,
    );
    if (signals.hasAudio) {
      lines.push(
        `ジュージュー音が大きい秒 / loudest sizzle: ${top((s) => s.sizzle, 3)
          .map((s) => `${s.t}s (${Math.round(s.sizzle)} dBFS)`)
          .join(', ')}`,
      );
    }
    const bucket = BUCKETS.find((b) => Math.ceil(seconds.length / b) <= MAX_ROWS) ?? Math.ceil(seconds.length / MAX_ROWS);
    lines.push(
      `${bucket} 秒ごとの平均 / mean per ${bucket} s — m: 動き motion 0–1` +
        (signals.hasAudio ? ', L: 音量 loudness dBFS, S: ジュージュー帯域 sizzle band dBFS' : '') +
        ', flags O/D/B:',
    );
    for (let i = 0; i < seconds.length; i += bucket) {
      const rows = seconds.slice(i, i + bucket);
      lines.push(bucketRow(rows, (rows[0] as SecondSignal).t, (rows.at(-1) as SecondSignal).t, signals.hasAudio));
    }
  } else {
    lines.push('1秒ごとの信号はありません / no per-second signals');
  }
  return lines.join('\n');
}
