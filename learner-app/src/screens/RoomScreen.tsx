import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import OndemandVideoIcon from '@mui/icons-material/OndemandVideo';
import ChatBubbleOutlineIcon from '@mui/icons-material/ChatBubbleOutline';
import { useTranslation } from 'react-i18next';
import { fetchRoomMessages } from '../api/endpoints';
import type { Message } from '../api/types';
import { ErrorBanner, ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { formatMessageTime } from '../format';
import type { ResourceState } from '../hooks/useResource';
import { useResource } from '../hooks/useResource';

function MessageTime({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return (
    <Typography variant="caption" color="text.secondary" component="time" dateTime={iso}>
      {formatMessageTime(iso, i18n.language)}
    </Typography>
  );
}

/** One message. The body is always rendered as text (React escapes it), never as HTML. */
function MessageItem({ message }: { message: Message }) {
  const { t } = useTranslation();
  const common = { 'data-testid': 'message', 'data-kind': message.kind, 'data-author': message.author } as const;

  if (message.kind === 'system') {
    return (
      <Box {...common} component="li" sx={{ listStyle: 'none', textAlign: 'center', px: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.body}
        </Typography>
        <MessageTime iso={message.createdAt} />
      </Box>
    );
  }

  const mine = message.author === 'learner';
  const authorLabel =
    message.author === 'learner' || message.author === 'ai' || message.author === 'coach'
      ? t(`room.author.${message.author}`)
      : message.author;
  const wide = message.kind === 'coaching_text';

  return (
    <Box
      {...common}
      component="li"
      sx={{ listStyle: 'none', display: 'flex', flexDirection: 'column', alignItems: mine ? 'flex-end' : 'flex-start' }}
    >
      {!mine ? (
        <Typography variant="caption" color="text.secondary" sx={{ px: 1, mb: 0.25, fontWeight: 600 }}>
          {authorLabel}
        </Typography>
      ) : null}
      <Paper
        elevation={0}
        sx={{
          px: 2,
          py: 1.5,
          maxWidth: wide ? '100%' : '85%',
          width: wide ? '100%' : undefined,
          bgcolor: mine ? 'primary.main' : 'background.paper',
          color: mine ? 'primary.contrastText' : 'text.primary',
          border: mine ? 'none' : '1px solid',
          borderColor: wide ? 'primary.light' : 'divider',
          borderRadius: '16px',
          borderTopLeftRadius: mine ? undefined : '4px',
          borderTopRightRadius: mine ? '4px' : undefined,
        }}
      >
        {message.kind === 'video' ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: message.body ? 0.5 : 0 }}>
            <OndemandVideoIcon fontSize="small" aria-hidden />
            <Typography variant="subtitle2" component="span">
              {t('room.video')}
            </Typography>
          </Stack>
        ) : null}
        <Typography
          variant="body1"
          component="p"
          data-testid="message-body"
          sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', lineHeight: 1.7 }}
        >
          {message.body}
        </Typography>
      </Paper>
      <Box sx={{ px: 1, mt: 0.25 }}>
        <MessageTime iso={message.createdAt} />
      </Box>
    </Box>
  );
}

export function RoomScreen({ messages }: { messages: ResourceState<Message[]> }) {
  const { t } = useTranslation();
  const endRef = useRef<HTMLDivElement>(null);
  const lastId = messages.data?.at(-1)?.id;

  // Jump to the newest message when the room opens and when a new one arrives.
  useEffect(() => {
    if (lastId) endRef.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);

  if (messages.data === undefined) {
    return messages.error !== undefined && !messages.loading ? (
      <ErrorState error={messages.error} onRetry={messages.reload} />
    ) : (
      <LoadingState />
    );
  }

  return (
    <Box sx={{ px: { xs: 1.5, sm: 3 }, pt: 2 }}>
      {messages.error !== undefined && !messages.loading ? (
        <Box sx={{ mb: 2 }}>
          <ErrorBanner error={messages.error} onRetry={messages.reload} />
        </Box>
      ) : null}
      {messages.data.length === 0 ? (
        <Box
          data-testid="messages-empty"
          sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', textAlign: 'center', gap: 2, py: 8, px: 3 }}
        >
          <ChatBubbleOutlineIcon sx={{ fontSize: 56, color: 'text.disabled' }} aria-hidden />
          <Typography color="text.secondary">{t('room.empty')}</Typography>
        </Box>
      ) : (
        <Stack component="ol" spacing={2} sx={{ m: 0, p: 0 }} data-testid="messages" aria-live="polite">
          {messages.data.map((message) => (
            <MessageItem key={message.id} message={message} />
          ))}
        </Stack>
      )}
      <div ref={endRef} />
    </Box>
  );
}

/** Loads a room's messages (kept here so the screen and its data travel together). */
export function useRoomMessages(roomId: string, onUnauthorized: () => void): ResourceState<Message[]> {
  return useResource((signal) => fetchRoomMessages(roomId, signal), [roomId], { onUnauthorized });
}
