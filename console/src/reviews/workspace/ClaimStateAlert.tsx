import { Alert, Box, Button } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { useFormatTime } from '../fields';
import type { ReviewDetail } from '../types';
import type { useReviewClaim } from './useReviewClaim';

/** Who decides about this item: the decision already made, the caller's hold, or another coach's. */
export const ClaimStateAlert = ({ review, claim, decided }: { review: ReviewDetail; claim: ReturnType<typeof useReviewClaim>; decided: boolean }) => {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const [locale] = useLocaleState();
  return (
    <Box sx={{ mt: 0.5 }} data-testid="claim-state" data-claim={claim.state.kind}>
      {decided ? (
        <Alert severity="info">
          {review.decision?.by
            ? translate('ajimi.reviews.claim.decided_by', {
                status: translate(`ajimi.reviews.status.${review.status}`),
                name: review.decision.by.name,
                time: new Date(review.decision.at).toLocaleString(locale),
              })
            : translate('ajimi.reviews.claim.decided', { status: translate(`ajimi.reviews.status.${review.status}`) })}
          {review.decision?.reason && <div>{translate('ajimi.reviews.claim.reason', { reason: review.decision.reason })}</div>}
        </Alert>
      ) : claim.state.kind === 'held' ? (
        <Alert severity="success" variant="outlined" sx={{ py: 0 }}>
          {translate('ajimi.reviews.claim.held_by_you', { time: formatTime(claim.state.reservedUntil) })}
        </Alert>
      ) : claim.state.kind === 'other' ? (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void claim.retry()}>
              {translate('ajimi.reviews.claim.retry')}
            </Button>
          }
        >
          {translate('ajimi.reviews.claim.held_by_other', {
            name: claim.state.holder?.name ?? '?',
            time: claim.state.reservedUntil ? formatTime(claim.state.reservedUntil) : '?',
          })}
        </Alert>
      ) : claim.state.kind === 'error' ? (
        <Alert severity="error" action={<Button color="inherit" size="small" onClick={() => void claim.retry()}>{translate('ajimi.reviews.claim.retry')}</Button>}>
          {translate('ajimi.reviews.claim.claim_failed', { message: claim.state.message })}
        </Alert>
      ) : null}
    </Box>
  );
};
