import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';
import { disablePush, enablePush, pushState, type PushSupport } from '../push/push';

/** Web Push opt-in: asks only when the cook taps, never on load. */
export function PushOptIn() {
  const { t } = useTranslation();
  const [state, setState] = useState<PushSupport | 'checking'>('checking');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    let live = true;
    void pushState().then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, []);

  const run = async (action: () => Promise<PushSupport>) => {
    setBusy(true);
    setError(undefined);
    try {
      setState(await action());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (state === 'checking') return null;
  if (state === 'unsupported') {
    return (
      <Alert severity="info" data-testid="push-state" data-state={state}>
        {t('push.unsupported')}
      </Alert>
    );
  }
  if (state === 'denied') {
    return (
      <Alert severity="warning" data-testid="push-state" data-state={state}>
        {t('push.denied')}
      </Alert>
    );
  }
  return (
    <Alert
      severity={state === 'on' ? 'success' : 'info'}
      icon={<NotificationsActiveIcon />}
      data-testid="push-state"
      data-state={state}
      action={
        <Button color="inherit" size="small" disabled={busy} onClick={() => void run(state === 'on' ? disablePush : enablePush)} data-testid={state === 'on' ? 'push-disable' : 'push-enable'}>
          {state === 'on' ? t('push.disable') : t('push.enable')}
        </Button>
      }
      sx={{ alignItems: 'center' }}
    >
      {state === 'on' ? t('push.on') : t('push.offer')}
      {error !== undefined ? (
        <span data-testid="push-error" style={{ display: 'block', fontSize: '0.8em' }}>
          {t('push.failed')} {errorMessage(error, t)}
        </span>
      ) : null}
    </Alert>
  );
}
