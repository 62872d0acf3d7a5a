import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChatBubbleOutlineIcon from '@mui/icons-material/ChatBubbleOutline';
import { useTranslation } from 'react-i18next';
import { markRoomRead, postRoomMessage } from '../api/endpoints';
import type { CookingSession, Message, RoomKind } from '../api/types';
import { ErrorBanner, ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { MessageComposer } from '../components/MessageComposer';
import { SessionStatusStrip } from '../components/SessionStatusStrip';
import { UploadProgress } from '../components/UploadProgress';
import type { ResourceState } from '../hooks/useResource';
import { isInFlight, sessionLabel } from '../sessions/sessionStatus';
import { useUpload } from '../upload/uploadManager';
import { MessageItem } from './room/MessageItem';
import { UploadsList } from './room/UploadsList';
import { scrollToLatest } from './scrollToLatest';

export { mergeMessages, useRoomMessages } from './room/useRoomMessages';

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
