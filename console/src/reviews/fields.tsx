import { Box, Chip, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDuration, turnaround, type DurationUnit } from './turnaround';
import type { RenderSummary, ReviewDish, ReviewRow, ReviewStatus } from './types';
import { useNow } from './useNow';

export const useDishName = () => {
  const [locale] = useLocaleState();
  return (dish: ReviewDish | null | undefined): string => (dish ? (locale === 'en' ? dish.nameEn : dish.nameJa) : '');
};

export const useFormatDuration = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (ms: number) =>
    formatDuration(ms, (unit: DurationUnit, n: number) => translate(`ajimi.reviews.units.${unit}`, { n }), locale === 'ja' ? '' : ' ');
};

export const useFormatTime = () => {
  const [locale] = useLocaleState();
  return (iso: string) => new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
};

const AGE_COLOR = { ok: 'text.primary', due_soon: 'warning.dark', overdue: 'error.main' } as const;

/** Time since upload, amber in the last quarter of the turnaround target and red past it. */
export const AgeField = ({ record: given }: { record?: ReviewRow }) => {
  const record = useRecordContext<ReviewRow>({ record: given });
  const translate = useTranslate();
  const now = useNow();
  const duration = useFormatDuration();
  if (!record) return null;
  const t = turnaround(record.uploadedAt, record.dueAt, now);
  const decided = record.status === 'approved' || record.status === 'sent_back';
  const state = decided ? 'ok' : t.state;
  const detail = translate(`ajimi.reviews.age.${state}`, {
    left: duration(t.leftMs),
    late: duration(-t.leftMs),
    target: record.turnaroundHours,
  });
  return (
    <Box component="span" data-turnaround={state} sx={{ display: 'inline-flex', flexDirection: 'column', whiteSpace: 'nowrap', verticalAlign: 'middle' }}>
      <Typography variant="body2" component="span" sx={{ color: AGE_COLOR[state], fontWeight: state === 'ok' ? undefined : 600 }}>
        {duration(t.ageMs)}
      </Typography>
      {!decided && (
        <Typography variant="caption" component="span" sx={{ color: state === 'ok' ? 'text.secondary' : AGE_COLOR[state] }}>
          {detail}
        </Typography>
      )}
    </Box>
  );
};

const STATUS_COLOR: Record<ReviewStatus, 'default' | 'info' | 'success' | 'warning'> = {
  pending: 'warning',
  in_review: 'info',
  approved: 'success',
  sent_back: 'default',
};

export const StatusChip = ({ status }: { status: ReviewStatus }) => {
  const translate = useTranslate();
  return <Chip size="small" color={STATUS_COLOR[status]} label={translate(`ajimi.reviews.status.${status}`)} data-status={status} />;
};

export const RenderStatus = ({ render }: { render: RenderSummary | null }) => {
  const translate = useTranslate();
  if (!render) return <Typography variant="body2" color="text.secondary">{translate('ajimi.reviews.render_status.none')}</Typography>;
  const label = `v${render.version} · ${translate(`ajimi.reviews.render_status.${render.status}`, { progress: render.progress })}`;
  const active = render.status === 'queued' || render.status === 'rendering';
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="body2" color={render.status === 'failed' ? 'error' : undefined}>
        {label}
      </Typography>
      {active && <LinearProgress variant={render.status === 'queued' ? 'indeterminate' : 'determinate'} value={render.progress} sx={{ mt: 0.5 }} aria-label={label} />}
    </Box>
  );
};

/** The assignee and, while it lasts, the reservation. */
export const HolderField = ({ record: given }: { record?: ReviewRow }) => {
  const record = useRecordContext<ReviewRow>({ record: given });
  const translate = useTranslate();
  const time = useFormatTime();
  const now = useNow();
  if (!record) return null;
  if (!record.assignee) return <Typography variant="body2" color="text.secondary">{translate('ajimi.reviews.holder.nobody')}</Typography>;
  const live = record.reservedUntil !== null && Date.parse(record.reservedUntil) > now;
  const text = live
    ? translate('ajimi.reviews.holder.held', { name: record.assignee.name, time: time(record.reservedUntil!) })
    : translate('ajimi.reviews.holder.expired', { name: record.assignee.name });
  return (
    <Tooltip title={record.reservedUntil ?? ''}>
      <Stack direction="row" spacing={0.5} alignItems="center">
        <Typography variant="body2" color={live ? 'text.primary' : 'text.secondary'}>
          {text}
        </Typography>
      </Stack>
    </Tooltip>
  );
};
