import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { alpha, useTheme } from '@mui/material/styles';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { moveClip, setClipEdge } from '../script';
import { formatClock } from '../turnaround';
import type { Candidate, KeyMoment, NarrationScript, ReviewDetail, Sprite } from '../types';
import { useElementWidth } from './useElementWidth';

const STRIP_HEIGHT = 48;
const SIGNAL_HEIGHT = 56;
const MARKER_HEIGHT = 24;
const AXIS_HEIGHT = 18;
const HEIGHT = STRIP_HEIGHT + SIGNAL_HEIGHT + MARKER_HEIGHT + AXIS_HEIGHT;

export interface TimelineProps {
  duration: number;
  currentTime: number;
  onSeek: (t: number) => void;
  clip: KeyMoment;
  onClipChange: (clip: KeyMoment) => void;
  readOnly: boolean;
  candidates: Candidate[];
  signals: ReviewDetail['signals'];
  sprite: Sprite | null;
  part2: NarrationScript['part2'];
}

const sameRange = (a: KeyMoment, b: KeyMoment) => Math.abs(a.start - b.start) < 0.05 && Math.abs(a.end - b.end) < 0.05;

/** Thumbnails cut from the ingest sprite, one per slot across the strip. */
const ThumbnailStrip = ({ sprite, duration, width }: { sprite: Sprite; duration: number; width: number }) => {
  const tileW = (STRIP_HEIGHT * sprite.tileWidth) / sprite.tileHeight;
  const slots = Math.max(1, Math.floor(width / tileW));
  const w = width / slots;
  return (
    <Box sx={{ display: 'flex', height: STRIP_HEIGHT, overflow: 'hidden' }} aria-hidden>
      {Array.from({ length: slots }, (_, i) => {
        const t = ((i + 0.5) / slots) * duration;
        const k = Math.min(sprite.count - 1, Math.max(0, Math.floor(t / sprite.intervalSec)));
        const col = k % sprite.columns;
        const row = Math.floor(k / sprite.columns);
        return (
          <Box
            key={i}
            sx={{
              width: w,
              height: STRIP_HEIGHT,
              flexShrink: 0,
              backgroundImage: `url("${sprite.url}")`,
              backgroundSize: `${sprite.columns * w}px ${sprite.rows * STRIP_HEIGHT}px`,
              backgroundPosition: `${-col * w}px ${-row * STRIP_HEIGHT}px`,
              borderRight: '1px solid rgba(0,0,0,0.3)',
            }}
          />
        );
      })}
    </Box>
  );
};

const curve = (values: number[], stepSec: number, duration: number): string => {
  if (values.length === 0 || duration <= 0) return '';
  const points = values.map((v, i) => `${((i * stepSec) / duration) * 1000},${100 - Math.min(1, Math.max(0, v)) * 96}`);
  return `0,100 ${points.join(' ')} ${(((values.length - 1) * stepSec) / duration) * 1000},100`;
};

/** A tick every 5/10/15/30/60/120 s, whichever keeps labels about 80 px apart. */
const tickStep = (duration: number, width: number) => {
  const wanted = (duration * 80) / Math.max(1, width);
  return [1, 2, 5, 10, 15, 30, 60, 120, 300].find((s) => s >= wanted) ?? 600;
};

/**
 * The cook's video on a timeline: thumbnails, motion and sound curves, the AI's candidate
 * moments, the clip (drag to move, drag an edge to resize; arrow keys on a focused handle),
 * the Part 2 lines inside the clip, and the playhead (click anywhere to seek).
 */
export const Timeline = (props: TimelineProps) => {
  const { duration, currentTime, onSeek, clip, onClipChange, readOnly, candidates, signals, sprite, part2 } = props;
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // The analysis gives its reason in both languages: the English console shows the English one.
  const labelOf = (c: Candidate) => (locale === 'en' ? c.reason?.en : c.reason?.ja) || c.label;
  const theme = useTheme();
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const drag = useRef<{ kind: 'move' | 'start' | 'end'; originX: number; origin: KeyMoment } | null>(null);

  const x = (t: number) => (duration > 0 ? (t / duration) * 100 : 0);
  const timeAt = (clientX: number) => {
    const rect = ref.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.min(duration, Math.max(0, ((clientX - rect.left) / rect.width) * duration));
  };

  const onBackgroundPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    onSeek(timeAt(event.clientX));
  };

  const startDrag = (kind: 'move' | 'start' | 'end') => (event: PointerEvent<HTMLElement>) => {
    if (readOnly || event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { kind, originX: event.clientX, origin: clip };
  };
  const onDragMove = (event: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    const rect = ref.current?.getBoundingClientRect();
    if (!d || !rect) return;
    event.stopPropagation();
    if (d.kind === 'move') onClipChange(moveClip(d.origin, ((event.clientX - d.originX) / rect.width) * duration, duration));
    else onClipChange(setClipEdge(d.origin, d.kind, timeAt(event.clientX), duration));
  };
  const endDrag = (event: PointerEvent<HTMLElement>) => {
    if (!drag.current) return;
    drag.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };

  const onHandleKey = (kind: 'move' | 'start' | 'end') => (event: KeyboardEvent<HTMLElement>) => {
    if (readOnly || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    event.stopPropagation();
    const delta = (event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 1 : 0.1);
    if (kind === 'move') onClipChange(moveClip(clip, delta, duration));
    else onClipChange(setClipEdge(clip, kind, clip[kind] + delta, duration));
  };

  const step = tickStep(duration, width);
  const ticks = duration > 0 ? Array.from({ length: Math.floor(duration / step) + 1 }, (_, i) => i * step) : [];
  const clipColor = theme.palette.primary.main;
  const markerTop = STRIP_HEIGHT + SIGNAL_HEIGHT;

  return (
    <Box>
      <Box
        ref={ref}
        onPointerDown={onBackgroundPointerDown}
        data-testid="timeline"
        sx={{ position: 'relative', height: HEIGHT, bgcolor: 'grey.900', borderRadius: 1, overflow: 'hidden', userSelect: 'none', touchAction: 'none', cursor: 'pointer' }}
      >
        {sprite && width > 0 && <ThumbnailStrip sprite={sprite} duration={duration} width={width} />}
        <Box component="svg" viewBox="0 0 1000 100" preserveAspectRatio="none" sx={{ position: 'absolute', top: STRIP_HEIGHT, left: 0, width: '100%', height: SIGNAL_HEIGHT, display: 'block' }}>
          <title>{`${translate('ajimi.reviews.timeline.motion')} / ${translate('ajimi.reviews.timeline.sound')}`}</title>
          <polygon points={curve(signals.sound, signals.stepSec, duration)} fill={alpha(theme.palette.info.light, 0.35)} stroke={theme.palette.info.light} strokeWidth={1} vectorEffect="non-scaling-stroke" />
          {signals.sizzle && <polyline points={curve(signals.sizzle, signals.stepSec, duration)} fill="none" stroke={theme.palette.error.light} strokeWidth={1} strokeDasharray="4 2" vectorEffect="non-scaling-stroke" />}
          <polyline points={curve(signals.motion, signals.stepSec, duration)} fill="none" stroke={theme.palette.warning.light} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        </Box>
        <Stack direction="row" spacing={1} sx={{ position: 'absolute', top: STRIP_HEIGHT + 2, right: 6, pointerEvents: 'none' }}>
          <Typography variant="caption" sx={{ color: 'warning.light' }}>
            ━ {translate('ajimi.reviews.timeline.motion')}
          </Typography>
          <Typography variant="caption" sx={{ color: 'info.light' }}>
            ▆ {translate('ajimi.reviews.timeline.sound')}
          </Typography>
          {signals.sizzle && (
            <Typography variant="caption" sx={{ color: 'error.light' }}>
              ┅ {translate('ajimi.reviews.timeline.sizzle')}
            </Typography>
          )}
        </Stack>

        {candidates.map((c, i) => (
          <Tooltip key={`${c.start}-${i}`} title={translate('ajimi.reviews.timeline.candidate', { label: labelOf(c), start: formatClock(c.start), end: formatClock(c.end), score: c.score.toFixed(2) })}>
            <Box
              component="button"
              type="button"
              data-candidate-marker={i}
              aria-label={labelOf(c)}
              onPointerDown={(e: PointerEvent<HTMLElement>) => e.stopPropagation()}
              onClick={() => !readOnly && onClipChange({ start: c.start, end: c.end })}
              sx={{
                position: 'absolute',
                top: markerTop + 3,
                left: `${x(c.start)}%`,
                width: `${x(c.end - c.start)}%`,
                height: MARKER_HEIGHT - 6,
                border: 0,
                borderRadius: 0.5,
                p: 0,
                cursor: readOnly ? 'default' : 'pointer',
                bgcolor: sameRange(c, clip) ? 'success.main' : alpha(theme.palette.success.light, 0.55),
                color: 'common.white',
                fontSize: 11,
                overflow: 'hidden',
                whiteSpace: 'nowrap',
              }}
            >
              {i + 1}
            </Box>
          </Tooltip>
        ))}

        {/* The clip: its body moves, its edges resize. */}
        <Box
          role="slider"
          tabIndex={readOnly ? -1 : 0}
          aria-label={translate('ajimi.reviews.timeline.current_clip')}
          aria-valuemin={0}
          aria-valuemax={duration}
          aria-valuenow={clip.start}
          aria-valuetext={translate('ajimi.reviews.timeline.clip', { start: formatClock(clip.start), end: formatClock(clip.end), length: (clip.end - clip.start).toFixed(1) })}
          data-testid="clip-range"
          data-clip-start={clip.start}
          data-clip-end={clip.end}
          onPointerDown={startDrag('move')}
          onPointerMove={onDragMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onKeyDown={onHandleKey('move')}
          sx={{
            position: 'absolute',
            top: 0,
            bottom: AXIS_HEIGHT,
            left: `${x(clip.start)}%`,
            width: `${x(clip.end - clip.start)}%`,
            bgcolor: alpha(clipColor, 0.22),
            border: `2px solid ${clipColor}`,
            borderRadius: 1,
            cursor: readOnly ? 'default' : 'grab',
            '&:focus-visible': { outline: `2px solid ${theme.palette.common.white}` },
          }}
        >
          {part2.map((line, i) => (
            <Box
              key={i}
              title={line.text.ja}
              sx={{ position: 'absolute', top: STRIP_HEIGHT, bottom: 0, left: `${((line.offset / Math.max(0.1, clip.end - clip.start)) * 100).toFixed(2)}%`, width: 2, bgcolor: line.cue === 'rule' ? 'error.light' : 'common.white', opacity: 0.8, pointerEvents: 'none' }}
            />
          ))}
          {(['start', 'end'] as const).map((edge) => (
            <Box
              key={edge}
              role="slider"
              tabIndex={readOnly ? -1 : 0}
              aria-label={translate(`ajimi.reviews.timeline.clip_handle_${edge}`)}
              aria-valuemin={0}
              aria-valuemax={duration}
              aria-valuenow={clip[edge]}
              data-testid={`clip-handle-${edge}`}
              onPointerDown={startDrag(edge)}
              onPointerMove={onDragMove}
              onPointerUp={endDrag}
              onPointerCancel={endDrag}
              onKeyDown={onHandleKey(edge)}
              sx={{
                position: 'absolute',
                top: 0,
                bottom: 0,
                [edge === 'start' ? 'left' : 'right']: -5,
                width: 10,
                cursor: readOnly ? 'default' : 'ew-resize',
                bgcolor: clipColor,
                opacity: 0.9,
                '&:focus-visible': { outline: `2px solid ${theme.palette.common.white}` },
              }}
            />
          ))}
        </Box>

        {/* Time axis */}
        <Box sx={{ position: 'absolute', left: 0, right: 0, bottom: 0, height: AXIS_HEIGHT, borderTop: '1px solid', borderColor: 'grey.700', pointerEvents: 'none' }}>
          {ticks.map((t) => (
            <Typography key={t} variant="caption" sx={{ position: 'absolute', left: `${x(t)}%`, pl: 0.5, color: 'grey.400', lineHeight: `${AXIS_HEIGHT}px`, borderLeft: '1px solid', borderColor: 'grey.700' }}>
              {formatClock(t, 0)}
            </Typography>
          ))}
        </Box>

        {/* Playhead */}
        <Box data-testid="playhead" sx={{ position: 'absolute', top: 0, bottom: 0, left: `${x(currentTime)}%`, width: 2, ml: '-1px', bgcolor: 'error.main', pointerEvents: 'none' }} />
      </Box>

      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mt: 1 }}>
        <Typography variant="body2" sx={{ mr: 1 }} data-testid="clip-label">
          {translate('ajimi.reviews.timeline.clip', { start: formatClock(clip.start), end: formatClock(clip.end), length: (clip.end - clip.start).toFixed(1) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('ajimi.reviews.timeline.candidates')}:
        </Typography>
        {candidates.map((c, i) => (
          <Tooltip key={`${c.start}-${i}`} title={translate('ajimi.reviews.timeline.use_candidate')}>
            <Chip
              size="small"
              data-candidate={i}
              color={sameRange(c, clip) ? 'success' : 'default'}
              variant={sameRange(c, clip) ? 'filled' : 'outlined'}
              disabled={readOnly}
              onClick={() => onClipChange({ start: c.start, end: c.end })}
              label={`${i + 1}. ${formatClock(c.start, 0)}–${formatClock(c.end, 0)} · ${labelOf(c)}`}
            />
          </Tooltip>
        ))}
      </Stack>
    </Box>
  );
};
