import { segmentFrames } from '@ajimi/remotion/timing'; // the frame grid only; no Remotion code
import { Alert, Box, Card, CardContent, CircularProgress, List, ListItem, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { PreviewLineText } from './PreviewLineText';
import type { PreviewState } from './usePreview';


/**
 * The preview without Remotion (VITE_AJIMI_LIVE_PREVIEW=false): the same server-built timeline
 * spec as the live preview, so the coach still sees whether the draft fits and how long each line
 * runs; the picture itself is the server's FFmpeg render in RenderPanel ("Re-render").
 */
export const ServerPreviewPanel = ({ preview }: { preview: PreviewState }) => {
  const translate = useTranslate();
  const { result, status } = preview;
  // The same frame-aligned segment starts as the live preview and the FFmpeg render.
  const frames = result ? segmentFrames(result.spec) : null;
  const starts = result && frames ? frames.from.map((f) => f / result.spec.fps) : null;
  const seconds = result && frames ? (frames.totalFrames / result.spec.fps).toFixed(1) : '0';

  return (
    <Card data-testid="preview" data-preview-status={status} data-preview-revision={preview.revision} data-preview-mode="server">
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {translate('ajimi.reviews.preview.server_title')}
          </Typography>
          {status === 'loading' && <CircularProgress size={16} />}
          <Typography variant="caption" color="text.secondary" data-testid="preview-status">
            {status === 'loading'
              ? translate('ajimi.reviews.preview.updating')
              : status === 'ready' && result
                ? translate('ajimi.reviews.preview.up_to_date', { duration: seconds })
                : ''}
          </Typography>
        </Stack>
        <Alert severity="info" sx={{ mb: 1 }} data-testid="preview-live-off">
          {translate('ajimi.reviews.preview.live_off')}
        </Alert>
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
        {result && starts ? (
          <List dense disablePadding sx={{ maxHeight: 360, overflow: 'auto' }} data-testid="preview-lines">
            {result.spec.segments.flatMap((segment, s) =>
              segment.lines.map((line) => {
                const at = (starts[s] ?? 0) + line.startSec;
                return (
                  <ListItem key={line.id} data-preview-line={line.id} sx={{ py: 0 }}>
                    <PreviewLineText segmentKind={segment.kind} text={line.text} at={at} durationSec={line.audio.durationSec} />
                  </ListItem>
                );
              }),
            )}
          </List>
        ) : (
          <Box sx={{ py: 2, display: 'flex', justifyContent: 'center' }}>
            {status === 'loading' || status === 'idle' ? <CircularProgress /> : <Typography color="text.secondary">{translate('ajimi.reviews.preview.waiting')}</Typography>}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
