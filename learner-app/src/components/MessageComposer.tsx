import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SendIcon from '@mui/icons-material/Send';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';

/** The question box at the bottom of a room; optionally tied to one session ("About session 3 of …"). */
export function MessageComposer({
  onSend,
  placeholder,
  about,
  onClearAbout,
}: {
  onSend: (body: string) => Promise<void>;
  placeholder: string;
  about?: string | undefined;
  onClearAbout?: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(undefined);
    try {
      await onSend(body);
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box
      component="form"
      onSubmit={(e) => void submit(e)}
      sx={{
        position: 'sticky',
        bottom: 0,
        bgcolor: 'background.default',
        borderTop: '1px solid',
        borderColor: 'divider',
        px: 1.5,
        pt: 1,
        pb: 'calc(8px + env(safe-area-inset-bottom))',
      }}
    >
      {about ? (
        <Chip size="small" label={t('chat.aboutSession', { label: about })} onDelete={onClearAbout} sx={{ mb: 0.75 }} data-testid="composer-about" />
      ) : null}
      {error !== undefined ? (
        <Typography variant="caption" color="error" role="alert" sx={{ display: 'block', mb: 0.5 }} data-testid="composer-error">
          {t('chat.failed')} {errorMessage(error, t)}
        </Typography>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-end' }}>
        <TextField
          name="message"
          multiline
          maxRows={5}
          size="small"
          value={text}
          onChange={(e) => setText(e.target.value.slice(0, 2000))}
          placeholder={placeholder}
          disabled={sending}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit();
          }}
          slotProps={{ htmlInput: { 'aria-label': placeholder, 'data-testid': 'composer-input', maxLength: 2000 } }}
          sx={{ '& .MuiOutlinedInput-root': { borderRadius: 3, bgcolor: 'background.paper' } }}
        />
        <IconButton type="submit" color="primary" disabled={sending || !text.trim()} aria-label={sending ? t('chat.sending') : t('chat.send')} data-testid="composer-send">
          <SendIcon />
        </IconButton>
      </Box>
    </Box>
  );
}
