import FastForwardIcon from '@mui/icons-material/FastForward';
import FastRewindIcon from '@mui/icons-material/FastRewind';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import SkipPreviousIcon from '@mui/icons-material/SkipPrevious';
import { Alert, Box, Button, Card, CardContent, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { markClip } from '../script';
import { formatClock } from '../turnaround';
import type { KeyMoment, NarrationScript, ReviewDetail } from '../types';
import { Timeline } from './Timeline';
import type { useVideoPlayback } from './useVideoPlayback';

export interface VideoPanelProps {
  review: ReviewDetail;
  videoUrl: string;
  playback: ReturnType<typeof useVideoPlayback>;
  clip: KeyMoment;
  onClipChange: (clip: KeyMoment) => void;
  readOnly: boolean;
  part2: NarrationScript['part2'];
  onVideoError: () => void;
}

/** Slow-motion speeds and their keys (J/K/L only go faster). */
const SLOW_RATES: Array<[number, string]> = [
  [0.25, '1'],
  [0.5, '2'],
];

/** The cook's footage (the 720p proxy), transport buttons, and the timeline under it. */
export const VideoPanel = ({ review, videoUrl, playback, clip, onClipChange, readOnly, part2, onVideoError }: VideoPanelProps) => {
  const translate = useTranslate();
  const duration = review.video?.durationSec ?? 0;
  const setEdge = (edge: 'start' | 'end') => onClipChange(markClip(clip, edge, playback.time(), duration));
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('ajimi.reviews.video.title')}
        </Typography>
        <Box sx={{ bgcolor: 'common.black', borderRadius: 1, overflow: 'hidden', aspectRatio: '16 / 9', display: 'flex', justifyContent: 'center' }}>
          {videoUrl ? (
            <video
              ref={playback.ref}
              src={videoUrl}
              poster={review.video?.posterUrl ?? undefined}
              preload="auto"
              playsInline
              data-testid="source-video"
              onError={onVideoError}
              style={{ width: '100%', height: '100%', objectFit: 'contain' }}
            />
          ) : (
            <Alert severity="warning">{translate('ajimi.reviews.video.no_video')}</Alert>
          )}
        </Box>
        <Stack direction="row" spacing={0.5} alignItems="center" sx={{ my: 1 }}>
          <Tooltip title="J">
            <IconButton size="small" aria-label="J" onClick={() => playback.shuttle(-1)}>
              <FastRewindIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title={`${translate('ajimi.reviews.video.frame_back')} (,)`}>
            <IconButton size="small" aria-label={translate('ajimi.reviews.video.frame_back')} onClick={() => playback.step(-1)}>
              <SkipPreviousIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title={`${translate(playback.playing ? 'ajimi.reviews.video.pause' : 'ajimi.reviews.video.play')} (Space / K)`}>
            <IconButton color="primary" aria-label={translate(playback.playing ? 'ajimi.reviews.video.pause' : 'ajimi.reviews.video.play')} onClick={playback.toggle}>
              {playback.playing ? <PauseIcon /> : <PlayArrowIcon />}
            </IconButton>
          </Tooltip>
          <Tooltip title={`${translate('ajimi.reviews.video.frame_forward')} (.)`}>
            <IconButton size="small" aria-label={translate('ajimi.reviews.video.frame_forward')} onClick={() => playback.step(1)}>
              <SkipNextIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="L">
            <IconButton size="small" aria-label="L" onClick={() => playback.shuttle(1)}>
              <FastForwardIcon />
            </IconButton>
          </Tooltip>
          {SLOW_RATES.map(([rate, key]) => (
            <Tooltip key={key} title={translate('ajimi.reviews.video.slow', { rate, key })}>
              <Button size="small" sx={{ minWidth: 0 }} aria-label={translate('ajimi.reviews.video.slow', { rate, key })} aria-pressed={playback.rate === rate} onClick={() => playback.play(rate)} data-testid={`slow-${key}`}>
                {rate}×
              </Button>
            </Tooltip>
          ))}
          <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', ml: 1 }} data-testid="current-time">
            {formatClock(playback.currentTime, 2)} / {formatClock(duration, 1)}
          </Typography>
          {playback.rate !== 0 && Math.abs(playback.rate) !== 1 && (
            <Typography variant="caption" color="text.secondary" data-testid="playback-rate" data-rate={playback.rate}>
              {translate('ajimi.reviews.video.shuttle', { rate: playback.rate })}
            </Typography>
          )}
          <Box sx={{ flexGrow: 1 }} />
          <Button size="small" disabled={readOnly} onClick={() => setEdge('start')}>
            {translate('ajimi.reviews.video.set_in')}
          </Button>
          <Button size="small" disabled={readOnly} onClick={() => setEdge('end')}>
            {translate('ajimi.reviews.video.set_out')}
          </Button>
        </Stack>
        <Timeline
          duration={duration}
          currentTime={playback.currentTime}
          onSeek={playback.seek}
          clip={clip}
          onClipChange={onClipChange}
          readOnly={readOnly}
          candidates={review.candidates}
          signals={review.signals}
          sprite={review.video?.sprite ?? null}
          part2={part2}
        />
      </CardContent>
    </Card>
  );
};
