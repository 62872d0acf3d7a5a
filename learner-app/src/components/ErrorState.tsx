import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import WifiOffIcon from '@mui/icons-material/WifiOff';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorMessage, errorRequestId } from '../api/errorMessage';
import { RequestDetails } from './RequestDetails';

function isNetwork(err: unknown): boolean {
  return (isApiError(err) && err.kind === 'network') || err instanceof TypeError;
}

/** Full-area error with a retry button (used when there is nothing else to show). */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const requestId = errorRequestId(error);
  const Icon = isNetwork(error) ? WifiOffIcon : ErrorOutlineIcon;
  return (
    <Box
      role="alert"
      data-testid="error-state"
      sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', textAlign: 'center', gap: 2, py: 6, px: 3 }}
    >
      <Icon sx={{ fontSize: 56, color: 'text.secondary' }} aria-hidden />
      <Typography variant="body1" sx={{ maxWidth: 420 }}>
        {errorMessage(error, t)}
      </Typography>
      <RequestDetails requestId={requestId} />
      {onRetry ? (
        <Button variant="contained" size="large" startIcon={<RefreshIcon />} onClick={onRetry} data-testid="retry">
          {t('errors.retry')}
        </Button>
      ) : null}
    </Box>
  );
}

/** Inline error above content that is still shown (e.g. a failed refresh). */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      severity="error"
      data-testid="error-banner"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        ) : undefined
      }
      sx={{ alignItems: 'center' }}
    >
      {errorMessage(error, t)}
    </Alert>
  );
}
