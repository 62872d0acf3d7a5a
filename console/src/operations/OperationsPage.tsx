import { Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { FailedSession, PipelineOverview, QueueView, RetryOutcome, SessionRef } from '@ajimi/core/contracts/operations';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useState, type ReactNode } from 'react';
import { Link, Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { postJson, useApi } from '../knowledge/api';
import { ApiErrorAlert } from '../errors/ApiErrorAlert';
import { useLabels } from '../labels/useLabels';

const O = (key: string) => `ajimi.operations.${key}`;
const COL = (key: string) => `ajimi.operations.columns.${key}`;

type Who = SessionRef;
/** 75 s → "1 min 15 s"; days for the really stuck. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

/** What happened and what to do: a permanent rejection of the cook's file is not retried like a fault on our side. */
const FailureHint = ({ failure }: { failure: FailedSession }) => {
  const translate = useTranslate();
  const permanent = failure.failureKind === 'permanent';
  const what = permanent && failure.failureCode ? translate(O(`failure_codes.${failure.failureCode}`), { _: translate(O('failure_codes.other')) }) : null;
  const hint = permanent ? 'hint.permanent' : failure.retryable ? 'hint.transient' : 'hint.not_retryable';
  return (
    <Stack spacing={0.5} sx={{ mb: 0.5 }}>
      <Chip size="small" sx={{ alignSelf: 'flex-start' }} color={permanent ? 'warning' : 'error'} label={translate(O(`kind.${failure.failureKind}`))} />
      {what && <Typography variant="body2">{what}</Typography>}
      <Typography variant="body2" color="text.secondary">
        {translate(O(hint))}
      </Typography>
    </Stack>
  );
};

export const OperationsPage = () => {
  const translate = useTranslate();
  const labels = useLabels();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { data, reload, error } = useApi<PipelineOverview>('/operations/overview', { every: 10_000 });
  const { data: queues } = useApi<QueueView[]>('/operations/queues', { every: 10_000 });
  const [busy, setBusy] = useState<string | null>(null);
  const name = (w: Who) => `${locale === 'en' ? w.dish.name.en : w.dish.name.ja} #${w.attemptNumber}`;
  const cookLink = (w: Who) => <Link to={`/cooks/${w.cook.id}/show`}>{w.cook.name}</Link>;

  const retry = async (id: string) => {
    setBusy(id);
    try {
      const out = await postJson<RetryOutcome>(`/operations/sessions/${id}/retry`);
      notify(out.retried ? translate(O('retried'), { queues: out.sent.map(labels.stage).join('、') || '—' }) : translate(O('not_retried'), { status: labels.status(out.status) }), { type: out.retried ? 'success' : 'info' });
      await reload();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Box sx={{ mt: 2, maxWidth: 1300 }}>
      <Title title={O('title')} />
      {error && <ApiErrorAlert error={error} />}
      {data && (
        <>
          <Typography variant="caption" color="text.secondary">
            {translate(O('refreshed'), { time: new Date(data.generatedAt).toLocaleTimeString(locale) })}
          </Typography>
          <Section title={O('stages')}>
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="stage-counts">
              {data.stages.map((s) => (
                <Chip key={s.status} color={s.status === 'failed' && s.count > 0 ? 'error' : s.count > 0 ? 'primary' : 'default'} variant={s.count > 0 ? 'filled' : 'outlined'} label={`${labels.status(s.status)}: ${s.count}`} />
              ))}
            </Stack>
          </Section>
          <Section title={O('failed')}>
            {data.failed.length === 0 ? (
              <Typography color="text.secondary">{translate(O('failed_none'))}</Typography>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    {['cook', 'session', 'stage', 'error', 'failed_at', 'retries'].map((c) => (
                      <TableCell key={c}>{translate(COL(c))}</TableCell>
                    ))}
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.failed.map((f) => (
                    <TableRow key={f.id}>
                      <TableCell>{cookLink(f)}</TableCell>
                      <TableCell>{name(f)}</TableCell>
                      <TableCell>{labels.stage(f.failedStage)}</TableCell>
                      <TableCell sx={{ maxWidth: 480 }}>
                        <FailureHint failure={f} />
                        <Typography variant="body2">{f.failureReason}</Typography>
                        {f.jobError && (
                          <Typography variant="caption" color="error" component="pre" sx={{ whiteSpace: 'pre-wrap', m: 0 }}>
                            {f.jobError}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>{f.failedAt ? new Date(f.failedAt).toLocaleString(locale) : '—'}</TableCell>
                      <TableCell>{f.retryCount}</TableCell>
                      <TableCell>
                        {f.retryable && (
                          <Button size="small" variant="outlined" disabled={busy === f.id} onClick={() => retry(f.id)}>
                            {translate(O('retry'))}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>
          <Section title={O('failed_renders')}>
            {data.failedRenders.length === 0 ? (
              <Typography color="text.secondary">{translate(O('failed_renders_none'))}</Typography>
            ) : (
              <>
                <Alert severity="info" sx={{ mb: 1 }}>
                  {translate(O('hint.render'))}
                </Alert>
                <Table size="small" data-testid="failed-renders">
                  <TableHead>
                    <TableRow>
                      {['cook', 'session', 'version', 'error', 'failed_at'].map((c) => (
                        <TableCell key={c}>{translate(COL(c))}</TableCell>
                      ))}
                      <TableCell />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {data.failedRenders.map((r) => (
                      <TableRow key={r.renderId}>
                        <TableCell>{cookLink(r)}</TableCell>
                        <TableCell>{name(r)}</TableCell>
                        <TableCell>{r.version}</TableCell>
                        <TableCell sx={{ maxWidth: 480 }}>
                          <Typography variant="caption" color="error" component="pre" sx={{ whiteSpace: 'pre-wrap', m: 0 }}>
                            {r.error ?? '—'}
                          </Typography>
                        </TableCell>
                        <TableCell>{r.failedAt ? new Date(r.failedAt).toLocaleString(locale) : '—'}</TableCell>
                        <TableCell>
                          {r.reviewId && (
                            <Button size="small" variant="outlined" component={Link} to={`/reviews/${encodeURIComponent(r.reviewId)}`}>
                              {translate(O('open_workspace'))}
                            </Button>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}
          </Section>
          <Section title={O('stuck')}>
            {data.stuck.length === 0 ? (
              <Typography color="text.secondary">{translate(O('stuck_none'))}</Typography>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    {['cook', 'session', 'status', 'in_stage', 'since_upload', 'retries'].map((c) => (
                      <TableCell key={c}>{translate(COL(c))}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.stuck.map((s) => (
                    <TableRow key={s.id}>
                      <TableCell>{cookLink(s)}</TableCell>
                      <TableCell>{name(s)}</TableCell>
                      <TableCell>
                        {labels.status(s.status)}
                      </TableCell>
                      <TableCell>{formatSeconds(s.secondsInStage)}</TableCell>
                      <TableCell>{formatSeconds(s.secondsSinceUpload)}</TableCell>
                      <TableCell>{s.retryCount}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>
          <Section title={O('slowest')}>
            {data.slowest.length === 0 ? (
              <Typography color="text.secondary">{translate(O('slowest_none'))}</Typography>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    {['cook', 'session', 'took'].map((c) => (
                      <TableCell key={c}>{translate(COL(c))}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.slowest.map((s) => (
                    <TableRow key={s.id}>
                      <TableCell>{cookLink(s)}</TableCell>
                      <TableCell>{name(s)}</TableCell>
                      <TableCell>{formatSeconds(s.secondsToCoachText)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>
        </>
      )}
      <Section title={O('queues')}>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
          <Button size="small" variant="outlined" href="/api/console/queue-dashboard/" target="_blank" rel="noopener" endIcon={<OpenInNewIcon />}>
            {translate(O('dashboard'))}
          </Button>
          <Typography variant="caption" color="text.secondary">
            {translate(O('dashboard_help'))}
          </Typography>
        </Stack>
        <Table size="small" data-testid="queue-table">
          <TableHead>
            <TableRow>
              {['queue', 'queued', 'active', 'deferred', 'failed_jobs', 'total', 'oldest'].map((c) => (
                <TableCell key={c}>{translate(COL(c))}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(queues ?? []).map((q) => (
              <TableRow key={q.name}>
                <TableCell title={q.name}>{labels.queue(q.name)}</TableCell>
                <TableCell>{q.queued}</TableCell>
                <TableCell>{q.active}</TableCell>
                <TableCell>{q.deferred}</TableCell>
                <TableCell sx={{ color: q.failed > 0 ? 'error.main' : undefined }}>{q.failed}</TableCell>
                <TableCell>{q.total}</TableCell>
                <TableCell>{q.oldestReadySeconds === null ? '—' : formatSeconds(q.oldestReadySeconds)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </Box>
  );
};
