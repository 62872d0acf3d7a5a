import { alpha, Alert, Box, Button, Card, CardContent, Chip, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { postJson, useApi } from '../knowledge/api';
import { MarkdownPreview } from '../knowledge/MarkdownPreview';
import type { ChatMessage, CookRoom } from './types';

const C = (key: string) => `ajimi.cooks.chat.${key}`;

/** The cook's chat rooms: transcript, a coach's reply (which takes the thread over), hand back to the AI. */
export const CookChat = ({ cookId }: { cookId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { data, reload } = useApi<{ rooms: CookRoom[]; messages: ChatMessage[] }>(`/cooks/${cookId}/chat`, { every: 5000 });
  const [roomId, setRoomId] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const rooms = useMemo(() => data?.rooms ?? [], [data]);
  const room = rooms.find((r) => r.id === roomId) ?? rooms[0];
  const messages = (data?.messages ?? []).filter((m) => m.roomId === room?.id);
  // A block body: React calls whatever an effect returns, and Chromium's scrollIntoView returns a Promise.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [messages.length]);

  const act = async (path: string, body: object, done: string) => {
    setBusy(true);
    try {
      await postJson(`/cooks/${cookId}/chat/${path}`, body);
      notify(done, { type: 'success' });
      await reload();
      return true;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  };
  if (!room) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate(C('title'))}</Typography>
        <Tabs value={room.id} onChange={(_e, v: string) => setRoomId(v)}>
          {rooms.map((r) => (
            <Tab key={r.id} value={r.id} label={translate(C(`rooms.${r.kind}`))} />
          ))}
        </Tabs>
        <Alert severity={room.aiPaused ? 'info' : 'success'} sx={{ my: 1 }} action={
          room.aiPaused ? (
            <Button size="small" disabled={busy} onClick={() => act('hand-back', { roomId: room.id }, C('handed_back'))} data-testid="hand-back">
              {translate(C('hand_back'))}
            </Button>
          ) : (
            <Button size="small" disabled={busy} onClick={() => act('take-over', { roomId: room.id }, C('taken_over'))}>
              {translate(C('take_over'))}
            </Button>
          )
        }>
          {room.aiPaused ? translate(C('ai_paused'), { name: room.pausedBy?.name ?? '' }) : translate(C('ai_active'))}
        </Alert>
        <Paper variant="outlined" sx={{ p: 1, maxHeight: 480, overflow: 'auto' }} data-testid="cook-transcript" tabIndex={0} role="log" aria-label={translate(C('title'))}>
          {messages.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {translate(C('empty'))}
            </Typography>
          )}
          {messages.map((m) => (
            <Stack key={m.id} alignItems={m.author === 'learner' ? 'flex-start' : 'flex-end'} sx={{ my: 0.5 }}>
              <Box sx={{ maxWidth: '80%', p: 1, borderRadius: 1, bgcolor: m.author === 'learner' ? 'action.hover' : m.author === 'coach' ? (t) => alpha(t.palette.primary.main, 0.08) : 'background.default', border: 1, borderColor: 'divider' }}>
                <Stack direction="row" spacing={1} alignItems="center">
                  <Chip size="small" label={translate(C(`author.${m.author}`))} color={m.author === 'coach' ? 'primary' : 'default'} />
                  {m.authorName && m.author === 'coach' && <Typography variant="caption">{m.authorName}</Typography>}
                  <Typography variant="caption" color="text.secondary">
                    {new Date(m.createdAt).toLocaleString(locale)}
                  </Typography>
                </Stack>
                {/* The AI writes Markdown: shown formatted, as React elements only (never HTML). */}
                <Box sx={{ mt: 0.5 }}>
                  <MarkdownPreview source={m.body} testId="chat-message-body" />
                </Box>
              </Box>
            </Stack>
          ))}
          <div ref={end} />
        </Paper>
        <Stack
          component="form"
          direction="row"
          spacing={1}
          sx={{ mt: 1 }}
          onSubmit={async (e) => {
            e.preventDefault();
            if (await act('messages', { roomId: room.id, body: draft }, C('sent'))) setDraft('');
          }}
        >
          <TextField label={translate(C('reply'))} value={draft} onChange={(e) => setDraft(e.target.value)} multiline minRows={2} fullWidth inputProps={{ maxLength: 4000 }} />
          <Button type="submit" variant="contained" disabled={busy || !draft.trim()}>
            {translate(C('send'))}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
