import RateReviewIcon from '@mui/icons-material/RateReview';
import { Box, Card, CardActions, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { Button, Link, useGetList, useTranslate } from 'react-admin';
import { AgeField, useDishName } from './fields';
import { turnaround } from './turnaround';
import { OPEN_STATUSES, type ReviewRow } from './types';
import { useNow } from './useNow';

/** The dashboard's first card for coaches: how much is waiting, how late, and the oldest item. */
export const QueueSummaryCard = ({ userId }: { userId: string }) => {
  const translate = useTranslate();
  const dishName = useDishName();
  const now = useNow(60_000);
  const { data, total, isPending } = useGetList<ReviewRow>('reviews', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'createdAt', order: 'ASC' },
    filter: { status: OPEN_STATUSES },
  });
  const rows = data ?? [];
  const states = rows.map((r) => turnaround(r.uploadedAt, r.dueAt, now).state);
  const overdue = states.filter((s) => s === 'overdue').length;
  const dueSoon = states.filter((s) => s === 'due_soon').length;
  const mine = rows.filter((r) => r.assignee?.id === userId && r.reservedUntil && Date.parse(r.reservedUntil) > now).length;
  const oldest = rows[0];

  return (
    <Card sx={{ mt: 2 }} data-testid="queue-summary">
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <RateReviewIcon color="primary" />
          <Typography variant="h6" component="h2">
            {translate('ajimi.reviews.dashboard.title')}
          </Typography>
        </Stack>
        {isPending ? (
          <Skeleton variant="text" width="50%" />
        ) : rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('ajimi.reviews.dashboard.nothing')}
          </Typography>
        ) : (
          <>
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 1 }}>
              <Chip color="primary" label={translate('ajimi.reviews.dashboard.waiting', { smart_count: total ?? rows.length })} />
              {overdue > 0 && <Chip color="error" label={translate('ajimi.reviews.dashboard.overdue', { smart_count: overdue })} />}
              {dueSoon > 0 && <Chip color="warning" label={translate('ajimi.reviews.dashboard.due_soon', { smart_count: dueSoon })} />}
              {mine > 0 && <Chip variant="outlined" label={translate('ajimi.reviews.dashboard.mine', { smart_count: mine })} />}
            </Stack>
            {oldest && (
              <Box>
                <Typography variant="caption" color="text.secondary">
                  {translate('ajimi.reviews.dashboard.oldest')}
                </Typography>
                <Typography variant="body1">
                  {dishName(oldest.dish)} · {oldest.cook.name} · {translate('ajimi.reviews.session_n', { n: oldest.attemptNumber })} · <AgeField record={oldest} />
                </Typography>
              </Box>
            )}
          </>
        )}
      </CardContent>
      <CardActions>
        <Button component={Link} to="/reviews" label="ajimi.reviews.dashboard.open_queue" />
        {oldest && <Button component={Link} to={`/reviews/${encodeURIComponent(oldest.id)}`} variant="contained" label="ajimi.reviews.dashboard.open_oldest" />}
      </CardActions>
    </Card>
  );
};
