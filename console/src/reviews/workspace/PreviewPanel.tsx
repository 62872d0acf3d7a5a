import { CoachingVideoPlayer, type PlayerRef } from '@ajimi/remotion/CoachingVideoPlayer';
import { segmentFrames } from '@ajimi/remotion/timing';
import { Alert, Box, Card, CardContent, CircularProgress, List, ListItem, ListItemButton, Stack, Typography } from '@mui/material';
import { useRef } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { PreviewLineText } from './PreviewLineText';
import type { PreviewState } from './usePreview';


/**
 * The whole coaching video as it would be rendered, in @remotion/player, from the spec the
 * server built for the current draft; below it, each narration line with its measured length
 * (click to jump there).
 */
export const PreviewPanel = ({ preview }: { preview: PreviewState }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const playerRef = useRef<PlayerRef>(null);
  const { result, status } = preview;
  const frames = result ? segmentFrames(result.spec) : null;
  const seconds = result ? (frames!.totalFrames / result.spec.fps).toFixed(1) : '0';

  return (
    <Card data-testid="preview" data-preview-status={status} data-preview-revision={preview.revision}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {translate('ajimi.reviews.preview.title')}
          </Typography>
          {status === 'loading' && <CircularProgress size={16} />}
          <Typography variant="caption" color="text.secondary" data-testid="preview-status">
            {status === 'loading'
              ? translate('ajimi.reviews.preview.updating')
              : status === 'ready'
                ? translate('ajimi.reviews.preview.up_to_date', { duration: seconds })
                : ''}
          </Typography>
        </Stack>
        {status === 'invalid' && (
          <Alert severity="warning" sx={{ mb: 1 }} data-testid="preview-invalid">
            {translate('ajimi.reviews.preview.issues')}
          </Alert>
        )}
        {status === 'error' && (
          <Alert severity="error" sx={{ mb: 1 }}>
            {translate('ajimi.reviews.preview.failed', { message: preview.message ?? '' })}
          </Alert>
        )}
        {result ? (
          <Box sx={{ opacity: status === 'ready' ? 1 : 0.6, transition: 'opacity 200ms' }}>
            <CoachingVideoPlayer spec={result.spec} media={result.media} playerRef={playerRef} />
          </Box>
        ) : (
          <Box sx={{ aspectRatio: '16 / 9', bgcolor: 'action.hover', display: 'flex', alignItems: 'center', justifyContent: 'center', borderRadius: 1 }}>
            {status === 'loading' || status === 'idle' ? <CircularProgress /> : <Typography color="text.secondary">{translate('ajimi.reviews.preview.waiting')}</Typography>}
          </Box>
        )}
        {result && (result.spec.adjustments?.length ?? 0) > 0 && (
          <Alert severity="info" sx={{ mt: 1 }} data-testid="preview-adjustments">
            {translate('ajimi.reviews.preview.adjusted')}
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {result.spec.adjustments!.map((a, i) => (
                <li key={i} data-adjustment={a.code}>
                  {locale === 'en' ? a.en : a.ja}
                </li>
              ))}
            </Box>
          </Alert>
        )}
        {result && frames && (
          <List dense disablePadding sx={{ mt: 1, maxHeight: 260, overflow: 'auto' }} data-testid="preview-lines">
            {result.spec.segments.flatMap((segment, s) =>
              segment.lines.map((line) => {
                const at = frames.from[s]! / result.spec.fps + line.startSec;
                return (
                  <ListItem key={line.id} disablePadding>
                    <ListItemButton data-preview-line={line.id} onClick={() => playerRef.current?.seekTo(Math.round(at * result.spec.fps))} sx={{ py: 0 }}>
                      <PreviewLineText segmentKind={segment.kind} text={line.text} at={at} durationSec={line.audio.durationSec} />
                    </ListItemButton>
                  </ListItem>
                );
              }),
            )}
          </List>
        )}
      </CardContent>
    </Card>
  );
};
