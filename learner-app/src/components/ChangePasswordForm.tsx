import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../api/endpoints';
import { errorMessage } from '../api/errorMessage';

/** The cook changes their own password (profile page); the server ends their other sessions. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setDone(false);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} spacing={2} sx={{ mt: 4 }} data-testid="change-password">
      <Typography variant="h6" component="h2">
        {t('password.title')}
      </Typography>
      <TextField type="password" name="currentPassword" autoComplete="current-password" label={t('password.current')} value={current} onChange={(e) => setCurrent(e.target.value)} required />
      <TextField type="password" name="newPassword" autoComplete="new-password" label={t('password.new')} value={next} onChange={(e) => setNext(e.target.value)} required slotProps={{ htmlInput: { minLength: 12 } }} />
      {error !== undefined ? (
        <Alert severity="error" role="alert">
          {errorMessage(error, t)}
        </Alert>
      ) : null}
      {done ? <Alert severity="success">{t('password.done')}</Alert> : null}
      <Button type="submit" variant="outlined" disabled={saving || !current || next.length < 12}>
        {saving ? t('password.saving') : t('password.submit')}
      </Button>
    </Stack>
  );
}
