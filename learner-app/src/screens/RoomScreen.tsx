import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChatBubbleOutlineIcon from '@mui/icons-material/ChatBubbleOutline';
import { useTranslation } from 'react-i18next';
import { fetchRoomMessages, markRoomRead, postRoomMessage } from '../api/endpoints';
import type { CookingSession, Message, RoomKind } from '../api/types';
import { CoachingTextCard } from '../components/CoachingTextCard';
import { ErrorBanner, ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { MessageComposer } from '../components/MessageComposer';
import { SessionStatusStrip } from '../components/SessionStatusStrip';
import { UploadProgress } from '../components/UploadProgress';
import { VideoCard } from '../components/VideoCard';
import { formatListTime, formatMessageTime } from '../format';
import type { ResourceState } from '../hooks/useResource';
import { useResource } from '../hooks/useResource';
import { useLiveEvents, type LiveMessage } from '../live/eventStream';
import { Markdown } from '../markdown/Markdown';
import { isInFlight, sessionLabel } from '../sessions/sessionStatus';
import { useUpload } from '../upload/uploadManager';
import { scrollToLatest } from './scrollToLatest';

function MessageTime({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return (
    <Typography variant="caption" color="text.secondary" component="time" dateTime={iso}>
      {formatMessageTime(iso, i18n.language)}
    </Typography>
  );
}

/** One message; bodies are safe Markdown (React elements only, never HTML). */
function MessageItem({
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

/** Merges messages by id, oldest first (the live stream may deliver one the list already has). */
export function mergeMessages(...lists: Message[][]): Message[] {
  const byId = new Map<string, Message>();
  for (const list of lists) for (const m of list) byId.set(m.id, { ...byId.get(m.id), ...m });
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A room's messages: loaded once, then kept current by the live stream. */
export function useRoomMessages(roomId: string, onUnauthorized: () => void): ResourceState<Message[]> & { add: (m: Message) => void } {
  const resource = useResource((signal) => fetchRoomMessages(roomId, signal), [roomId], { onUnauthorized });
  const [extra, setExtra] = useState<Message[]>([]);
  const { reload } = resource;
  useEffect(() => {
    setExtra([]);
  }, [resource.data]);
  useLiveEvents({
    message: useCallback(
      (m: LiveMessage) => {
        if (m.roomId !== roomId) return;
        // A coach corrected a card already on screen: load the room again to show the new text.
        if (typeof m.payload?.correctionOf === 'string') reload();
        else setExtra((e) => [...e, m]);
      },
      [roomId, reload],
    ),
    resync: reload,
  });
  const add = useCallback((m: Message) => setExtra((e) => [...e, m]), []);
  const data = useMemo(() => (resource.data ? mergeMessages(resource.data, extra) : undefined), [resource.data, extra]);
  return { ...resource, data, add };
}

const REPLY_WAIT_MS = 3 * 60_000;

export function RoomScreen({
  roomId,
  kind,
  messages,
  sessions,
  highlightId,
  onOpenCoaching,
}: {
  roomId: string;
  kind: RoomKind | undefined;
  messages: ResourceState<Message[]> & { add: (m: Message) => void };
  sessions: ResourceState<CookingSession[]>;
  highlightId: string | undefined;
  onOpenCoaching: () => void;
}) {
  const { t, i18n } = useTranslation();
  const upload = useUpload();
  const endRef = useRef<HTMLDivElement>(null);
  const [about, setAbout] = useState<string | undefined>(undefined);
  const list = messages.data;
  const lastId = list?.at(-1)?.id;

  // Jump to the message a notification points at, else to the newest one.
  const jumped = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!list) return;
    if (highlightId && jumped.current !== highlightId && list.some((m) => m.id === highlightId)) {
      jumped.current = highlightId;
      document.getElementById(`message-${highlightId}`)?.scrollIntoView({ block: 'start' });
      return;
    }
    if (lastId && !highlightId) scrollToLatest(endRef.current);
  }, [lastId, highlightId, list]);

  // Opening a room (and new messages arriving while it is open) marks it read.
  useEffect(() => {
    if (lastId) void markRoomRead(roomId).catch(() => undefined);
  }, [roomId, lastId]);

  const videoBySession = useMemo(() => {
    const map = new Map<string, Message>();
    for (const m of list ?? []) if (m.kind === 'video' && m.sessionId) map.set(m.sessionId, m);
    return map;
  }, [list]);

  const sessionById = useMemo(() => new Map((sessions.data ?? []).map((s) => [s.id, s])), [sessions.data]);
  const aboutSession = about ? sessionById.get(about) : undefined;

  // Sessions still in the pipeline show their live status here; failures stay visible for a day.
  const liveSessions = (sessions.data ?? []).filter(
    (s) => s.status !== 'created' && (isInFlight(s.status) || (s.status === 'failed' && Date.now() - Date.parse(s.createdAt) < 24 * 3600_000)),
  );

  const waitingForReply = useMemo(() => {
    const last = list?.at(-1);
    if (!last || last.author !== 'learner' || last.kind !== 'text') return null;
    if (kind === 'help' || last.awaiting === 'coach') return 'coach';
    // The reply job usually answers within seconds; after a few minutes stop promising it.
    return last.awaiting || Date.now() - Date.parse(last.createdAt) < REPLY_WAIT_MS ? 'ai' : null;
  }, [list, kind]);

  // The newest message and its answer (or the "preparing an answer" line) stay in view.
  useEffect(() => {
    if (waitingForReply && !highlightId) scrollToLatest(endRef.current);
  }, [waitingForReply, highlightId]);

  if (list === undefined) {
    return messages.error !== undefined && !messages.loading ? <ErrorState error={messages.error} onRetry={messages.reload} /> : <LoadingState />;
  }

  const send = async (body: string) => {
    const posted = await postRoomMessage(roomId, body, about);
    messages.add(posted);
  };
  const showComposer = kind === 'my_coaching' || kind === 'help';

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 'calc(100dvh - 64px)' }}>
      <Box sx={{ px: { xs: 1.5, sm: 3 }, pt: 2, pb: 2, flexGrow: 1 }}>
        {messages.error !== undefined && !messages.loading ? (
          <Box sx={{ mb: 2 }}>
            <ErrorBanner error={messages.error} onRetry={messages.reload} />
          </Box>
        ) : null}
        {kind === 'cooking_videos' ? <UploadsList sessions={sessions} /> : null}
        {list.length === 0 && kind !== 'cooking_videos' ? (
          <Box data-testid="messages-empty" sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', textAlign: 'center', gap: 2, py: 8, px: 3 }}>
            <ChatBubbleOutlineIcon sx={{ fontSize: 56, color: 'text.disabled' }} aria-hidden />
            <Typography color="text.secondary">{kind === 'my_coaching' ? t('room.empty_my_coaching') : kind === 'help' ? t('room.empty_help') : t('room.empty')}</Typography>
          </Box>
        ) : (
          <Stack component="ol" spacing={2} sx={{ m: 0, p: 0 }} data-testid="messages" aria-live="polite">
            {list.map((message) => (
              <MessageItem
                key={message.id}
                message={message}
                highlighted={message.id === highlightId}
                videoOfSession={message.sessionId ? videoBySession.get(message.sessionId) : undefined}
                onAsk={setAbout}
                onWatch={(id) => document.getElementById(`message-${id}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}
                onMediaExpired={messages.reload}
              />
            ))}
          </Stack>
        )}
        {waitingForReply ? (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2, px: 1 }} role="status" data-testid="awaiting-reply" data-awaiting={waitingForReply}>
            {waitingForReply === 'ai' ? <CircularProgress size={16} aria-hidden /> : null}
            <Typography variant="body2" color="text.secondary">
              {waitingForReply === 'ai' ? t('chat.typing') : t('chat.waitingCoach')}
            </Typography>
          </Box>
        ) : null}
        {kind === 'my_coaching' ? (
          <Stack spacing={1.5} sx={{ mt: 2 }}>
            {upload && upload.phase !== 'cancelled' && upload.phase !== 'done' ? <UploadProgress upload={upload} onOpen={onOpenCoaching} /> : null}
          </Stack>
        ) : null}
        <div ref={endRef} />
      </Box>
      {/* Sessions in flight collapse into one line above the input (they used to stack between the conversation and the input). */}
      <Box sx={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
        {kind === 'my_coaching' ? <SessionStatusStrip sessions={liveSessions} /> : null}
        {showComposer ? (
          <MessageComposer
            onSend={send}
            placeholder={kind === 'help' ? t('chat.placeholderHelp') : t('chat.placeholder')}
            about={aboutSession ? sessionLabel(t, i18n.language, aboutSession.dish.name, aboutSession.attemptNumber) : undefined}
            onClearAbout={() => setAbout(undefined)}
          />
        ) : null}
      </Box>
    </Box>
  );
}

/** Cooking Videos: every upload with its poster and live status. */
function UploadsList({ sessions }: { sessions: ResourceState<CookingSession[]> }) {
  const { t, i18n } = useTranslation();
  const list = (sessions.data ?? []).filter((s) => s.status !== 'created');
  return (
    <Box sx={{ mb: 3 }} data-testid="uploads">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1, px: 0.5 }}>
        {t('videos.title')}
      </Typography>
      {sessions.data === undefined ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 0.5 }} data-testid="uploads-empty">
          {t('videos.empty')}
        </Typography>
      ) : (
        <Stack spacing={1.5}>
          {list.map((s) => (
            <Paper key={s.id} variant="outlined" sx={{ display: 'flex', gap: 1.5, p: 1.25, borderRadius: 3, alignItems: 'center' }} data-testid="upload-item" data-status={s.status}>
              <Box
                sx={{
                  width: 64,
                  height: 64,
                  borderRadius: 2,
                  flexShrink: 0,
                  bgcolor: 'action.hover',
                  backgroundImage: s.posterUrl ? `url("${encodeURI(s.posterUrl)}")` : undefined,
                  backgroundSize: 'cover',
                  backgroundPosition: 'center',
                }}
                aria-hidden
              />
              <Box sx={{ minWidth: 0, flexGrow: 1 }}>
                <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
                  {sessionLabel(t, i18n.language, s.dish.name, s.attemptNumber)}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="time" dateTime={s.createdAt} sx={{ display: 'block' }}>
                  {formatListTime(s.uploadedAt ?? s.createdAt, i18n.language)}
                </Typography>
                <Typography variant="body2" color={s.status === 'failed' ? 'error' : 'text.secondary'} data-testid="upload-status">
                  {s.status === 'failed' && s.failureReason ? s.failureReason : t(`status.label.${s.status}`)}
                </Typography>
              </Box>
            </Paper>
          ))}
        </Stack>
      )}
    </Box>
  );
}
