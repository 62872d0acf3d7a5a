import { Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLabels } from '../labels/useLabels';
import type { ReviewRow } from './types';

/** The queue's diagnosis cell: the finding in the console's language, the analyzer's confidence, and a needs-coach flag. */
export const DiagnosisField = ({ row }: { row: ReviewRow }) => {
  const translate = useTranslate();
  const labels = useLabels();
  const confidence = row.diagnosis?.confidence;
  return (
    <Stack direction="row" spacing={1} alignItems="center" data-testid="queue-diagnosis">
      {row.needsCoach && <Chip size="small" color="error" variant="outlined" label={translate('ajimi.reviews.diagnosis.needs_coach')} />}
      <Typography variant="body2" component="span">
        {row.diagnosis ? labels.finding(row.diagnosis.code) : row.needsCoach ? '' : translate('ajimi.reviews.diagnosis.none')}
      </Typography>
      {confidence !== null && confidence !== undefined && (
        <Chip
          size="small"
          variant={row.lowConfidence ? 'filled' : 'outlined'}
          color={row.lowConfidence ? 'warning' : 'default'}
          label={translate(row.lowConfidence ? 'ajimi.reviews.diagnosis.low_confidence' : 'ajimi.reviews.diagnosis.confidence', { percent: Math.round(confidence * 100) })}
          data-testid="queue-confidence"
        />
      )}
    </Stack>
  );
};

/** The queue's thumbnail: the poster frame of the cook's footage (decorative: the row names dish and cook). */
export const PosterThumb = ({ row }: { row: ReviewRow }) =>
  row.posterUrl ? (
    <img src={row.posterUrl} alt="" width={64} height={36} style={{ objectFit: 'cover', borderRadius: 4, display: 'block', background: '#000' }} data-testid="queue-thumb" />
  ) : (
    <span style={{ display: 'block', width: 64, height: 36 }} />
  );
