import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import ReplayIcon from '@mui/icons-material/Replay';
import { useTranslation } from 'react-i18next';
import type { DishHistory, HistorySession } from '../api/types';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { formatListTime } from '../format';
import type { ResourceState } from '../hooks/useResource';
import { hrefFor } from '../navigation/route';
import { bilingual, sessionLabel } from '../sessions/sessionStatus';

function SessionRow({ session, dish }: { session: HistorySession; dish: DishHistory['dish'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ratings = Object.entries(session.selfRatings);
  return (
    <Paper variant="outlined" sx={{ p: 1.5, borderRadius: 3, display: 'flex', gap: 1.5 }} data-testid="history-session" data-attempt={session.attemptNumber}>
      <Box
        sx={{
          width: 72,
          height: 72,
          flexShrink: 0,
          borderRadius: 2,
          bgcolor: 'action.hover',
          backgroundImage: session.posterUrl ? `url("${encodeURI(session.posterUrl)}")` : undefined,
          backgroundSize: 'cover',
          backgroundPosition: 'center',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 800,
          fontSize: 22,
          color: 'text.secondary',
        }}
        aria-hidden
      >
        {session.posterUrl ? null : session.attemptNumber}
      </Box>
      <Box sx={{ minWidth: 0, flexGrow: 1 }}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
          <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
            {sessionLabel(t, lang, dish.name, session.attemptNumber)}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="time" dateTime={session.createdAt}>
            {formatListTime(session.createdAt, lang)}
          </Typography>
        </Box>
        <Chip size="small" label={t(`status.label.${session.status}`)} color={session.status === 'failed' ? 'error' : session.status === 'delivered' ? 'success' : 'default'} sx={{ my: 0.5 }} />
        {session.diagnosis ? (
          <Typography variant="body2" data-testid="history-diagnosis">
            <strong>{t('history.focus')}:</strong> {bilingual(session.diagnosis.problem, lang)}
          </Typography>
        ) : null}
        {session.failureReason ? (
          <Typography variant="body2" color="error">
            {session.failureReason}
          </Typography>
        ) : null}
        {ratings.length ? (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {t('history.ratings')}: {ratings.map(([k, v]) => `${t(`newSession.rating.${k as 'taste'}`, k)} ${'★'.repeat(v)}`).join(' · ')}
          </Typography>
        ) : null}
        <Box sx={{ display: 'flex', gap: 1, mt: 0.5, flexWrap: 'wrap' }}>
          {session.coachingMessage ? (
            <Button size="small" href={hrefFor({ name: 'room', roomId: session.coachingMessage.roomId, messageId: session.coachingMessage.id })}>
              {t('history.openCoaching')}
            </Button>
          ) : null}
          {session.videoMessage ? (
            <Button size="small" href={hrefFor({ name: 'room', roomId: session.videoMessage.roomId, messageId: session.videoMessage.id })}>
              {t('history.openVideo')}
            </Button>
          ) : null}
        </Box>
      </Box>
    </Paper>
  );
}

/** A dish's history: every session with its focus, and how the problems moved across sessions. */
export function DishHistoryScreen({ history }: { history: ResourceState<DishHistory> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (history.data === undefined) {
    return history.error !== undefined && !history.loading ? <ErrorState error={history.error} onRetry={history.reload} /> : <LoadingState />;
  }
  const h = history.data;
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="dish-history">
      <Paper variant="outlined" sx={{ p: 2, borderRadius: 3 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          {t('history.progress')}
        </Typography>
        <Typography color="text.secondary" data-testid="history-coached">
          {t('history.coached', { count: h.sessionsCoached })}
        </Typography>
        {/* One dot per session, coloured by whether its problem came back. */}
        <Box sx={{ display: 'flex', gap: 0.75, my: 1.5, flexWrap: 'wrap' }} aria-hidden>
          {[...h.sessions].reverse().map((s) => {
            const recurring = s.diagnosis && h.recurring.some((r) => r.code === s.diagnosis?.code);
            return (
              <Box
                key={s.id}
                title={`${s.attemptNumber}`}
                sx={{
                  width: 28,
                  height: 28,
                  borderRadius: '50%',
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  fontSize: 12,
                  fontWeight: 700,
                  color: 'white',
                  bgcolor: s.status === 'failed' ? 'grey.500' : recurring ? 'warning.main' : s.diagnosis ? 'success.main' : 'grey.400',
                }}
              >
                {s.attemptNumber}
              </Box>
            );
          })}
        </Box>
        {h.recurring.length ? (
          <Box sx={{ mb: 1 }}>
            <Typography variant="subtitle2" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
              <ReplayIcon fontSize="small" color="warning" aria-hidden /> {t('history.recurring')}
            </Typography>
            {h.recurring.map((r) => (
              <Typography key={r.code} variant="body2" data-testid="history-recurring">
                {bilingual(r.problem, lang)} — {t('history.recurringSessions', { sessions: r.sessions.join(', ') })}
              </Typography>
            ))}
          </Box>
        ) : null}
        {h.improved.length ? (
          <Box>
            <Typography variant="subtitle2" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
              <TrendingUpIcon fontSize="small" color="success" aria-hidden /> {t('history.improved')}
            </Typography>
            {h.improved.map((r) => (
              <Typography key={r.code} variant="body2" data-testid="history-improved">
                {bilingual(r.problem, lang)} — {t('history.lastSeen', { n: r.lastSeen, m: r.evidence.session })}
              </Typography>
            ))}
          </Box>
        ) : null}
        <Button variant="contained" href={hrefFor({ name: 'newSession', dish: h.dish.slug })} sx={{ mt: 1.5 }} fullWidth data-testid="history-new-session">
          {t('home.newSession')} · {sessionLabel(t, lang, h.dish.name, h.nextAttempt)}
        </Button>
      </Paper>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, px: 0.5 }}>
        {t('history.sessions')}
      </Typography>
      {h.sessions.length ? (
        h.sessions.map((s) => <SessionRow key={s.id} session={s} dish={h.dish} />)
      ) : (
        <Typography color="text.secondary" sx={{ px: 0.5 }}>
          {t('history.empty')}
        </Typography>
      )}
    </Stack>
  );
}
