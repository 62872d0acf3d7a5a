import { useState } from 'react';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import Alert from '@mui/material/Alert';
import LogoutIcon from '@mui/icons-material/Logout';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { errorMessage } from '../api/errorMessage';

export function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const onClick = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await signOut();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        color="inherit"
        startIcon={<LogoutIcon />}
        onClick={() => void onClick()}
        disabled={busy}
        data-testid="sign-out"
        sx={{ px: 1.25, whiteSpace: 'nowrap' }}
      >
        {busy ? t('account.signingOut') : t('account.signOut')}
      </Button>
      <Snackbar
        open={error !== undefined}
        autoHideDuration={6000}
        onClose={() => setError(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        sx={{ mb: 'env(safe-area-inset-bottom)' }}
      >
        <Alert severity="error" variant="filled" onClose={() => setError(undefined)} sx={{ width: '100%' }}>
          {t('errors.signOutFailed')} {errorMessage(error, t)}
        </Alert>
      </Snackbar>
    </>
  );
}
