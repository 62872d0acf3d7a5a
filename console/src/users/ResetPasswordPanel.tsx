import { useState } from 'react';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import { postJson } from '../knowledge/api';
import type { User } from './types';

const MIN_LENGTH = 12;

/** An admin sets a new password for a user who lost theirs (POST /api/console/users/:id/password); their sessions end. */
export const ResetPasswordPanel = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  const notify = useNotify();
  const [password, setPassword] = useState('');
  const [saving, setSaving] = useState(false);
  if (!record) return null;

  const reset = async () => {
    setSaving(true);
    try {
      await postJson(`/users/${record.id}/password`, { newPassword: password });
      setPassword('');
      notify(translate('resources.users.reset.done', { _: 'パスワードを再設定しました。この人のサインインはすべて終了しました。 / Password reset; all of their sessions were ended.' }), { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card sx={{ ml: 2, width: 320, alignSelf: 'flex-start' }} data-testid="reset-password">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="subtitle1">{translate('resources.users.reset.title', { _: 'パスワードの再設定 / Reset password' })}</Typography>
          <TextField
            type="password"
            size="small"
            autoComplete="new-password"
            label={translate('resources.users.reset.label', { _: `新しいパスワード（${MIN_LENGTH}文字以上） / New password (${MIN_LENGTH}+ characters)` })}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button variant="outlined" disabled={saving || password.length < MIN_LENGTH} onClick={() => void reset()}>
            {translate('resources.users.reset.submit', { _: '再設定 / Reset' })}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
