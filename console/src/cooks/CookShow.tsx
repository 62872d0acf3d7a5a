import { Box, Card, CardContent, Chip, Divider, LinearProgress, Stack, Typography } from '@mui/material';
import { Show, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useLabels } from '../labels/useLabels';
import { CookChat } from './CookChat';
import type { CookJourney, JourneySession } from './types';

const K = (key: string) => `ajimi.cooks.${key}`;

const SessionCard = ({ session }: { session: JourneySession }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (b: { ja: string; en: string }) => (locale === 'en' ? b.en : b.ja);
  const labels = useLabels();
  const rendered = session.renders.filter((r) => r.url);
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="journey-session">
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="subtitle1">{translate(K('session_n'), { n: session.attemptNumber })}</Typography>
          <Chip size="small" color={session.status === 'failed' ? 'error' : session.status === 'delivered' ? 'success' : 'default'} label={labels.status(session.status)} />
          <Typography variant="caption" color="text.secondary">
            {new Date(session.createdAt).toLocaleString(locale)}
          </Typography>
        </Stack>
        {session.failedStage && (
          <Typography variant="body2" color="error">
            {translate(K('failed_at'), { stage: labels.stage(session.failedStage), reason: session.failureReason ?? '' })}
          </Typography>
        )}
        {session.note && (
          <Typography variant="body2">
            {translate(K('note'))}: {session.note}
          </Typography>
        )}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <Box sx={{ flex: 1 }}>
            {session.analysis && !session.analysis.diagnosis && (
              <Typography variant="body2" color="warning.main">
                {session.analysis.abstain ? t(session.analysis.abstain.message) : '—'}
              </Typography>
            )}
            {session.analysis?.diagnosis && (
              <>
                <Typography variant="subtitle2">{translate(K('diagnosis'))}</Typography>
                <Typography variant="body2">
                  {t(session.analysis.diagnosis.problem)} {session.analysis.diagnosis.code && <Chip size="small" variant="outlined" label={labels.finding(session.analysis.diagnosis.code)} />}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate(K('why'))}: {t(session.analysis.diagnosis.why)}
                </Typography>
                <Typography variant="subtitle2" sx={{ mt: 1 }}>
                  {translate(K('key_moments'))}
                </Typography>
                {session.analysis.keyMoments.slice(0, 3).map((m, i) => (
                  <Typography key={i} variant="body2">
                    {m.start.toFixed(1)}–{m.end.toFixed(1)} s · {t(m.reason)}
                  </Typography>
                ))}
                {session.analysis.principles.length > 0 && (
                  <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
                    {session.analysis.principles.map((p) => (
                      <Chip key={p.slug} size="small" label={`${p.slug} · ${p.score.toFixed(2)}`} />
                    ))}
                  </Stack>
                )}
              </>
            )}
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {translate(K('coaching_text'))}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} color={session.coachingText ? 'text.primary' : 'text.secondary'}>
              {session.coachingText?.body ?? translate(K('not_sent'))}
            </Typography>
          </Box>
          <Box sx={{ width: { md: 320 } }}>
            {session.video && (
              <>
                <Typography variant="subtitle2">{translate(K('video'))}</Typography>
                <video src={session.video.url} poster={session.video.posterUrl ?? undefined} controls preload="none" style={{ width: '100%' }} />
              </>
            )}
            {session.renders.length > 0 && (
              <>
                <Typography variant="subtitle2">{translate(K('renders'))}</Typography>
                {session.renders.map((r) => (
                  <Typography key={r.version} variant="body2" color={r.status === 'failed' ? 'error' : 'text.primary'}>
                    {translate(K('render_version'), { version: r.version, status: r.status === 'rendering' ? `${r.status} ${r.progress}%` : r.status })}
                  </Typography>
                ))}
                {rendered[0]?.url && <video src={rendered[0].url} poster={rendered[0].posterUrl ?? undefined} controls preload="none" style={{ width: '100%' }} />}
              </>
            )}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
};

const Journey = () => {
  const record = useRecordContext<CookJourney>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // A list row (shown while the journey loads) has no dishes yet.
  if (!record?.dishes) return <LinearProgress aria-label={translate('ra.page.loading')} />;
  return (
    <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ p: 2 }}>
      <Box sx={{ flex: 3 }}>
        <Typography variant="h6">{translate(K('journey'))}</Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {record.email}
        </Typography>
        {record.dishes.length === 0 && <Typography color="text.secondary">{translate(K('no_sessions'))}</Typography>}
        {record.dishes.map((dish) => (
          <Box key={dish.slug} sx={{ mb: 2 }}>
            <Divider textAlign="left" sx={{ mb: 1 }}>
              <Typography variant="subtitle1">
                {locale === 'en' ? dish.name.en : dish.name.ja} · {translate(K('sessions_completed'), { count: dish.sessionsCompleted })}
              </Typography>
            </Divider>
            {dish.sessions.map((s) => (
              <SessionCard key={s.id} session={s} />
            ))}
          </Box>
        ))}
      </Box>
      <Box sx={{ flex: 2, minWidth: 320 }}>
        <CookChat cookId={record.id} />
      </Box>
    </Stack>
  );
};

const CookTitle = () => <span>{useRecordContext<CookJourney>()?.name}</span>;

export const CookShow = () => (
  <Show title={<CookTitle />}>
    <Journey />
  </Show>
);
