import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CookingSession } from '../api/types';
import { sessionLabel } from '../sessions/sessionStatus';
import { SessionStatusCard } from './SessionStatusCard';

/**
 * Sessions in flight, collapsed into one line above the input so they never push the conversation
 * off screen: the newest session's dish and status, and how many are in progress. "Details" opens the
 * full status cards.
 */
export function SessionStatusStrip({ sessions }: { sessions: CookingSession[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const newest = [...sessions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!newest) return null;
  return (
    <Paper variant="outlined" square sx={{ borderLeft: 0, borderRight: 0, borderBottom: 0, px: { xs: 1.5, sm: 3 }, py: 0.5 }} data-testid="live-status">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: 36 }} data-testid="session-status-strip" data-count={sessions.length}>
        <Typography variant="body2" noWrap sx={{ flexGrow: 1, minWidth: 0 }} role="status">
          <Box component="span" sx={{ fontWeight: 700 }}>
            {sessionLabel(t, i18n.language, newest.dish.name, newest.attemptNumber)}
          </Box>
          {` · ${t(`status.label.${newest.status}`)}`}
          {sessions.length > 1 ? ` · ${t('chat.inFlight', { count: sessions.length })}` : ''}
        </Typography>
        <Button size="small" sx={{ flexShrink: 0, whiteSpace: 'nowrap' }} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="session-status-toggle">
          {open ? t('chat.inFlightHide') : t('chat.inFlightShow')}
        </Button>
      </Box>
      <Collapse in={open} unmountOnExit>
        <Stack spacing={1} sx={{ pb: 1, maxHeight: '40dvh', overflowY: 'auto' }}>
          {sessions.map((s) => (
            <SessionStatusCard key={s.id} session={s} />
          ))}
        </Stack>
      </Collapse>
    </Paper>
  );
}
