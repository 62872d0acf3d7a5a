import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/types';
import { CoachingTextCard } from '../../components/CoachingTextCard';
import { VideoCard } from '../../components/VideoCard';
import { formatMessageTime } from '../../format';
import { Markdown } from '../../markdown/Markdown';

function MessageTime({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return (
    <Typography variant="caption" color="text.secondary" component="time" dateTime={iso}>
      {formatMessageTime(iso, i18n.language)}
    </Typography>
  );
}

/** One message; bodies are safe Markdown (React elements only, never HTML). */
export function MessageItem({
  message,
  highlighted,
  videoOfSession,
  onAsk,
  onWatch,
  onMediaExpired,
}: {
  message: Message;
  highlighted: boolean;
  videoOfSession: Message | undefined;
  onAsk: (sessionId: string) => void;
  onWatch: (messageId: string) => void;
  onMediaExpired: () => void;
}) {
  const { t } = useTranslation();
  const common = {
    'data-testid': 'message',
    'data-kind': message.kind,
    'data-author': message.author,
    'data-message-id': message.id,
    id: `message-${message.id}`,
  } as const;
  const highlight = highlighted ? { outline: '3px solid', outlineColor: 'warning.light', outlineOffset: 4, borderRadius: 3 } : {};

  if (message.kind === 'system') {
    return (
      <Box {...common} component="li" sx={{ listStyle: 'none', textAlign: 'center', px: 2, ...highlight }}>
        <Typography variant="body2" color="text.secondary" component="div">
          <Markdown source={message.body} />
        </Typography>
        <MessageTime iso={message.createdAt} />
      </Box>
    );
  }

  if (message.kind === 'coaching_text' || message.kind === 'video') {
    return (
      <Box {...common} component="li" sx={{ listStyle: 'none', scrollMarginTop: 80, ...highlight }}>
        <Typography variant="caption" color="text.secondary" sx={{ px: 1, fontWeight: 600 }}>
          {t(`room.author.${message.author}`)}
        </Typography>
        {message.kind === 'coaching_text' ? (
          <CoachingTextCard
            message={message}
            video={videoOfSession}
            onAsk={message.sessionId ? () => onAsk(message.sessionId as string) : undefined}
            onWatch={videoOfSession ? () => onWatch(videoOfSession.id) : undefined}
          />
        ) : (
          <VideoCard message={message} onExpired={onMediaExpired} />
        )}
        <Box sx={{ px: 1, mt: 0.25 }}>
          <MessageTime iso={message.createdAt} />
        </Box>
      </Box>
    );
  }

  const mine = message.author === 'learner';
  const authorLabel = message.author === 'learner' || message.author === 'ai' || message.author === 'coach' ? t(`room.author.${message.author}`) : message.author;
  return (
    <Box {...common} component="li" sx={{ listStyle: 'none', display: 'flex', flexDirection: 'column', alignItems: mine ? 'flex-end' : 'flex-start', scrollMarginTop: 80 }}>
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
          maxWidth: '85%',
          bgcolor: mine ? 'primary.main' : 'background.paper',
          color: mine ? 'primary.contrastText' : 'text.primary',
          border: mine ? 'none' : '1px solid',
          borderColor: 'divider',
          borderRadius: '16px',
          borderTopLeftRadius: mine ? undefined : '4px',
          borderTopRightRadius: mine ? '4px' : undefined,
          ...highlight,
        }}
      >
        <Markdown source={message.body} />
      </Paper>
      <Box sx={{ px: 1, mt: 0.25 }}>
        <MessageTime iso={message.createdAt} />
      </Box>
    </Box>
  );
}
