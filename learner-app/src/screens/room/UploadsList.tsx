import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CookingSession } from '../../api/types';
import { LoadingState } from '../../components/LoadingState';
import { formatListTime } from '../../format';
import type { ResourceState } from '../../hooks/useResource';
import { sessionLabel } from '../../sessions/sessionStatus';

/** Cooking Videos: every upload with its poster and live status. */
export function UploadsList({ sessions }: { sessions: ResourceState<CookingSession[]> }) {
  const { t, i18n } = useTranslation();
  const list = (sessions.data ?? []).filter((s) => s.status !== 'created');
  return (
    <Box sx={{ mb: 3 }} data-testid="uploads">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1, px: 0.5 }}>
        {t('videos.title')}
      </Typography>
      {sessions.data === undefined ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 0.5 }} data-testid="uploads-empty">
          {t('videos.empty')}
        </Typography>
      ) : (
        <Stack spacing={1.5}>
          {list.map((s) => (
            <Paper key={s.id} variant="outlined" sx={{ display: 'flex', gap: 1.5, p: 1.25, borderRadius: 3, alignItems: 'center' }} data-testid="upload-item" data-status={s.status}>
              <Box
                sx={{
                  width: 64,
                  height: 64,
                  borderRadius: 2,
                  flexShrink: 0,
                  bgcolor: 'action.hover',
                  backgroundImage: s.posterUrl ? `url("${encodeURI(s.posterUrl)}")` : undefined,
                  backgroundSize: 'cover',
                  backgroundPosition: 'center',
                }}
                aria-hidden
              />
              <Box sx={{ minWidth: 0, flexGrow: 1 }}>
                <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
                  {sessionLabel(t, i18n.language, s.dish.name, s.attemptNumber)}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="time" dateTime={s.createdAt} sx={{ display: 'block' }}>
                  {formatListTime(s.uploadedAt ?? s.createdAt, i18n.language)}
                </Typography>
                <Typography variant="body2" color={s.status === 'failed' ? 'error' : 'text.secondary'} data-testid="upload-status">
                  {s.status === 'failed' && s.failureReason ? s.failureReason : t(`status.label.${s.status}`)}
                </Typography>
              </Box>
            </Paper>
          ))}
        </Stack>
      )}
    </Box>
  );
}
