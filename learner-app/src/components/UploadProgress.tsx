import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';
import { sessionLabel } from '../sessions/sessionStatus';
import { ChooseAnotherFile } from '../upload/ChooseAnotherFile';
import { formatBytes, formatDuration } from '../upload/checkVideo';
import { cancelUpload, dismissUpload, resumeUpload, type UploadState } from '../upload/uploadManager';

/** The upload in flight: a real progress bar (bytes the server has), offline waiting, retry and cancel. */
export function UploadProgress({ upload, onOpen }: { upload: UploadState; onOpen?: () => void }) {
  const { t, i18n } = useTranslation();
  const percent = upload.bytesTotal ? Math.floor((upload.bytesSent / upload.bytesTotal) * 100) : 0;
  const active = ['creating', 'uploading', 'waiting_network', 'error'].includes(upload.phase);
  const remaining = upload.rate > 0 ? (upload.bytesTotal - upload.bytesSent) / upload.rate : null;
  const title =
    upload.phase === 'creating'
      ? t('upload.creating')
      : upload.phase === 'cancelling'
        ? t('upload.cancelling')
        : upload.part === 'voice_memo'
          ? t('upload.memo')
          : t('upload.video');

  return (
    <Paper variant="outlined" sx={{ p: 2, borderRadius: 3 }} data-testid="upload-progress" data-phase={upload.phase}>
      <Stack spacing={1.25}>
        {upload.session ? (
          <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
            {sessionLabel(t, i18n.language, upload.session.dish.name, upload.session.attemptNumber)}
          </Typography>
        ) : null}
        {upload.phase === 'done' ? (
          <Alert severity="success" data-testid="upload-done">
            {t('upload.done')}
          </Alert>
        ) : upload.phase === 'cancelled' ? (
          <Alert severity="info" data-testid="upload-cancelled">
            {t('upload.cancelled')}
          </Alert>
        ) : (
          <>
            <Typography variant="body2">{title}</Typography>
            <LinearProgress
              variant={upload.phase === 'creating' || upload.phase === 'cancelling' ? 'indeterminate' : 'determinate'}
              value={percent}
              color={upload.phase === 'error' ? 'error' : upload.phase === 'waiting_network' ? 'warning' : 'primary'}
              sx={{ height: 10, borderRadius: 5 }}
              aria-label={t('upload.title')}
              data-testid="upload-bar"
              data-percent={percent}
            />
            <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
              <Typography variant="caption" color="text.secondary" data-testid="upload-bytes">
                {t('upload.progress', { sent: formatBytes(upload.bytesSent, i18n.language), total: formatBytes(upload.bytesTotal, i18n.language), percent })}
              </Typography>
              {remaining !== null && upload.phase === 'uploading' ? (
                <Typography variant="caption" color="text.secondary">
                  {t('upload.remaining', { time: formatDuration(remaining) })}
                </Typography>
              ) : null}
            </Box>
          </>
        )}
        {upload.phase === 'waiting_network' ? (
          <Alert severity="warning" data-testid="upload-waiting">
            {t('upload.waiting')}
          </Alert>
        ) : null}
        {upload.phase === 'error' ? (
          <Alert severity="error" data-testid="upload-error" role="alert">
            {t('upload.error')} {errorMessage(upload.error, t)}
          </Alert>
        ) : null}
        {/* The server refused this file for good: another file goes to the same session. */}
        {upload.phase === 'error' && upload.permanent && upload.session && upload.part === 'source_video' ? <ChooseAnotherFile session={upload.session} /> : null}
        {upload.phase === 'uploading' ? (
          <Typography variant="caption" color="text.secondary">
            {t('upload.keepOpen')}
          </Typography>
        ) : null}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, flexWrap: 'wrap' }}>
          {(upload.phase === 'waiting_network' || upload.phase === 'error') && !upload.permanent ? (
            <Button variant="contained" onClick={resumeUpload} data-testid="upload-retry">
              {t('upload.retry')}
            </Button>
          ) : null}
          {active ? (
            <Button
              color="inherit"
              onClick={() => {
                if (window.confirm(t('upload.cancelConfirm'))) void cancelUpload();
              }}
              data-testid="upload-cancel"
            >
              {t('upload.cancel')}
            </Button>
          ) : null}
          {upload.phase === 'done' && onOpen ? (
            <Button variant="contained" onClick={onOpen} data-testid="upload-open">
              {t('upload.open')}
            </Button>
          ) : null}
          {['done', 'cancelled'].includes(upload.phase) || (upload.phase === 'error' && upload.permanent) ? (
            <Button color="inherit" onClick={dismissUpload} data-testid="upload-dismiss">
              {t('upload.dismiss')}
            </Button>
          ) : null}
        </Box>
      </Stack>
    </Paper>
  );
}
