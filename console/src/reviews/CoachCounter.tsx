import { Chip, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CoachReviewStats } from '@ajimi/core/contracts/reviews';
import { API_URL, httpClient } from '../dataProvider';
import { formatClock } from './turnaround';

const REFRESH_MS = 60_000;

/** The start of today in the coach's own time zone. */
const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
};

/** The queue page's counter: items this coach decided today and the median time per item (claim to decision). */
export const CoachCounter = () => {
  const translate = useTranslate();
  const [stats, setStats] = useState<CoachReviewStats | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      httpClient(`${API_URL}/reviews/stats?since=${encodeURIComponent(startOfToday().toISOString())}`)
        .then(({ json }) => live && setStats(json as CoachReviewStats))
        // The counter is a convenience: the queue works without it.
        .catch(() => live && setStats(null));
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
  if (!stats) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center" data-testid="coach-counter" data-reviewed={stats.reviewed}>
      <Chip size="small" variant="outlined" label={translate('ajimi.reviews.counter.reviewed_today', { n: stats.reviewed })} />
      <Chip
        size="small"
        variant="outlined"
        label={
          stats.medianSecondsPerItem === null
            ? translate('ajimi.reviews.counter.no_median')
            : translate('ajimi.reviews.counter.median', { time: formatClock(stats.medianSecondsPerItem, 0) })
        }
      />
    </Stack>
  );
};
