import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ReviewDetail } from '../types';

/** Read by screen readers, not shown. */
const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0, p: 0, m: -0.125 } as const;

/** What the cook wrote with the upload: their note and self-ratings. */
export const SessionNoteCard = ({ review }: { review: ReviewDetail }) => {
  const translate = useTranslate();
  const ratings = Object.entries(review.session.selfRatings ?? {});
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle2">{translate('ajimi.reviews.session.note')}</Typography>
        <Typography variant="body2" color={review.session.note ? 'text.primary' : 'text.secondary'} sx={{ whiteSpace: 'pre-wrap', mb: ratings.length ? 1 : 0 }}>
          {review.session.note || translate('ajimi.reviews.session.no_note')}
        </Typography>
        {ratings.length > 0 && (
          <>
            <Typography variant="subtitle2">{translate('ajimi.reviews.session.ratings')}</Typography>
            <Stack direction="row" spacing={2}>
              {ratings.map(([name, value]) => (
                <Typography key={name} variant="body2">
                  {translate(`ajimi.labels.rating.${name}`, { _: name })}:{' '}
                  {/* Stars for the eye, words for a screen reader. */}
                  <span aria-hidden>{'★'.repeat(Math.max(0, Math.min(5, Math.round(value))))}</span>
                  <Box component="span" sx={visuallyHidden}>
                    {translate('ajimi.labels.rating_value', { value: Math.round(value) })}
                  </Box>
                </Typography>
              ))}
            </Stack>
          </>
        )}
      </CardContent>
    </Card>
  );
};
