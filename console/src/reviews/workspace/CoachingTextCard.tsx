import EditIcon from '@mui/icons-material/Edit';
import { Alert, Box, Button, Card, CardContent, Chip, Collapse, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { correctCoachingText, errorCode, errorMessage } from '../api';
import type { ReviewDetail } from '../types';

/** Same limit as the server (core/src/services/review/correct-coaching-text.ts). */
const MAX_CHARS = 6000;
const KNOWN_ERRORS = ['correction_conflict', 'coaching_text_unsent', 'correction_limit', 'held_by_other'];

/**
 * The coaching text the cook already received, for context while editing the video; a coach can
 * correct it (issue 13): the cook's card then shows the corrected text marked as such, and the
 * earlier versions stay listed here.
 */
export const CoachingTextCard = ({ review, canCorrect, onCorrected }: { review: ReviewDetail; canCorrect: boolean; onCorrected: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const text = review.coachingText;
  const version = text?.version ?? 1;
  const [draft, setDraft] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const earlier = (text?.history ?? []).slice(0, -1).reverse();
  const time = (iso: string) => new Date(iso).toLocaleString(locale);
  const K = (key: string) => `ajimi.reviews.coaching_text.${key}`;

  const send = async () => {
    if (draft === null) return;
    setSending(true);
    setError(null);
    try {
      const result = await correctCoachingText(review.id, draft, version);
      notify(K('sent_toast'), { type: 'success', messageArgs: { version: result.version } });
      setDraft(null);
      onCorrected();
    } catch (e) {
      const code = errorCode(e);
      setError(code && KNOWN_ERRORS.includes(code) ? translate(K(`errors.${code}`)) : translate('ajimi.reviews.errors.action', { message: errorMessage(e) }));
    } finally {
      setSending(false);
    }
  };

  const length = draft?.trim().length ?? 0;
  const unchanged = draft !== null && text !== null && draft.trim() === text.body.trim();
  return (
    <Card data-testid="coaching-text" data-version={version}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 0.5 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {translate(K('title'))}
          </Typography>
          {version > 1 && <Chip size="small" color="info" label={translate(K('corrected_chip'), { version })} data-testid="coaching-text-corrected" />}
          {text && draft === null && (
            <Button size="small" startIcon={<EditIcon />} disabled={!canCorrect} onClick={() => setDraft(text.body)} data-testid="coaching-text-correct">
              {translate(K('correct'))}
            </Button>
          )}
        </Stack>
        {!text ? (
          <Typography variant="body2" color="text.secondary">
            {translate(K('none'))}
          </Typography>
        ) : draft !== null ? (
          <Stack spacing={1}>
            <Typography variant="body2" color="text.secondary">
              {translate(K('correct_hint'))}
            </Typography>
            <TextField
              multiline
              minRows={6}
              maxRows={18}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              inputProps={{ 'aria-label': translate(K('editor_label')), 'data-testid': 'coaching-text-editor' }}
              error={length > MAX_CHARS}
              helperText={translate(K('counter'), { n: length, max: MAX_CHARS })}
              disabled={sending}
            />
            {error && <Alert severity="error">{error}</Alert>}
            <Stack direction="row" spacing={1} justifyContent="flex-end">
              <Button onClick={() => (setDraft(null), setError(null))} disabled={sending}>
                {translate(K('cancel'))}
              </Button>
              <Button variant="contained" onClick={() => void send()} disabled={sending || length === 0 || length > MAX_CHARS || unchanged} data-testid="coaching-text-send">
                {translate(K('send'))}
              </Button>
            </Stack>
          </Stack>
        ) : (
          <>
            <Typography variant="caption" color="text.secondary" component="p" gutterBottom>
              {translate(K('sent_at'), { time: time(text.history?.at(-1)?.at ?? text.sentAt) })}
            </Typography>
            <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto' }} data-testid="coaching-text-body">
              {text.body}
            </Typography>
          </>
        )}
        {earlier.length > 0 && (
          <Box sx={{ mt: 1 }}>
            <Button size="small" onClick={() => setHistoryOpen((o) => !o)} aria-expanded={historyOpen} data-testid="coaching-text-history-toggle">
              {translate(historyOpen ? K('history_hide') : K('history_show'), { n: earlier.length })}
            </Button>
            <Collapse in={historyOpen}>
              <Stack spacing={1} sx={{ mt: 1 }} data-testid="coaching-text-history">
                {earlier.map((v) => (
                  <Box key={v.version} sx={{ borderLeft: 3, borderColor: 'divider', pl: 1 }}>
                    <Typography variant="caption" color="text.secondary" component="p">
                      {translate(K('version_line'), { version: v.version, time: time(v.at), who: v.by?.name ?? translate(K('by_ai')) })}
                    </Typography>
                    <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap', color: 'text.secondary', maxHeight: 200, overflow: 'auto' }}>
                      {v.body}
                    </Typography>
                  </Box>
                ))}
              </Stack>
            </Collapse>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
