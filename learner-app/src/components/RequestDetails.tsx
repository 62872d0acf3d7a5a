import { useState } from 'react';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

/**
 * The request id of a failed call, for support only: hidden behind "details" so a cook reads the
 * message, not an internal id.
 */
export function RequestDetails({ requestId }: { requestId: string | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!requestId) return null;
  return (
    <>
      <Button size="small" color="inherit" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="error-details">
        {t('errors.details')}
      </Button>
      <Collapse in={open}>
        <Typography variant="caption" color="text.secondary" data-testid="error-request-id">
          {t('errors.requestId', { id: requestId })}
        </Typography>
      </Collapse>
    </>
  );
}
