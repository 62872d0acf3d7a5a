import Alert from '@mui/material/Alert';
import WifiOffIcon from '@mui/icons-material/WifiOff';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../hooks/useOnline';

export function OfflineBanner() {
  const online = useOnline();
  const { t } = useTranslation();
  if (online) return null;
  return (
    <Alert severity="warning" icon={<WifiOffIcon />} square data-testid="offline-banner" role="status">
      {t('app.offline')}
    </Alert>
  );
}
