import MovieIcon from '@mui/icons-material/Movie';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RenderVersion } from '../types';

export const isActiveRender = (r: RenderVersion | undefined): boolean => r?.status === 'queued' || r?.status === 'rendering';

export interface RenderPanelProps {
  latest: RenderVersion | undefined;
  /** A saved script version whose render job has not started yet. */
  pendingScript: number | null;
  /** The newest finished render: what approve delivers and what plays here. */
  final: RenderVersion | undefined;
  /** A stable URL for the final render (signed URLs change on every poll). */
  finalVideoUrl: string | null;
  finalPosterUrl: string | null;
  canRender: boolean;
  saving: boolean;
  onRerender: () => void;
}

/** Save & re-render, the progress of the newest render, and the final MP4 once it is ready. */
export const RenderPanel = ({ latest, pendingScript, final, finalVideoUrl, finalPosterUrl, canRender, saving, onRerender }: RenderPanelProps) => {
  const translate = useTranslate();
  const active = isActiveRender(latest) || pendingScript !== null;
  const status = pendingScript !== null ? 'queued' : (latest?.status ?? 'none');
  return (
    <Card data-testid="render-panel" data-render-status={status} data-render-version={latest?.version ?? ''}>
      <CardContent>
        <Stack direction="row" alignItems="center" spacing={1} sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {translate('ajimi.reviews.render.title')}
          </Typography>
          <Button variant="contained" startIcon={<MovieIcon />} disabled={!canRender || saving} onClick={onRerender} data-testid="rerender">
            {translate('ajimi.reviews.render.rerender')}
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('ajimi.reviews.render.rerender_hint')}
        </Typography>
        {pendingScript !== null ? (
          <Box sx={{ mb: 1 }}>
            <Typography variant="body2">
              {translate('ajimi.reviews.render.queued', { script: pendingScript })}
            </Typography>
            <LinearProgress sx={{ mt: 1, height: 8, borderRadius: 4 }} data-testid="render-progress" data-progress={0} aria-label={translate('ajimi.reviews.render.title')} />
          </Box>
        ) : latest ? (
          <Box sx={{ mb: 1 }}>
            <Typography variant="body2">
              {latest.status === 'done'
                ? translate('ajimi.reviews.render.done', { version: latest.version })
                : translate('ajimi.reviews.render.progress', {
                    version: latest.version,
                    status: translate(`ajimi.reviews.render_status.${latest.status}`, { progress: latest.progress }),
                  })}
            </Typography>
            {(active || saving) && (
              <LinearProgress
                variant={latest.status === 'rendering' ? 'determinate' : 'indeterminate'}
                value={latest.progress}
                sx={{ mt: 1, height: 8, borderRadius: 4 }}
                aria-label={translate('ajimi.reviews.render.title')}
                data-testid="render-progress"
                data-progress={latest.progress}
              />
            )}
            {latest.status === 'failed' && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {translate('ajimi.reviews.render.failed', { version: latest.version, error: latest.error ?? '' })}
              </Alert>
            )}
          </Box>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate('ajimi.reviews.render.none')}
          </Typography>
        )}
        {final && finalVideoUrl && (
          <Box>
            <Typography variant="subtitle2" gutterBottom>
              {translate('ajimi.reviews.render.final')} · v{final.version}
            </Typography>
            <video
              key={final.id}
              src={finalVideoUrl}
              poster={finalPosterUrl ?? undefined}
              controls
              preload="metadata"
              data-testid="final-render"
              data-render-id={final.id}
              style={{ width: '100%', borderRadius: 4, background: '#000', aspectRatio: '16 / 9' }}
            />
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
