import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Button, Card, CardContent, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { AgeField, StatusChip, useDishName } from '../fields';
import type { ReviewDetail } from '../types';
import { ClaimStateAlert } from './ClaimStateAlert';
import type { useReviewClaim } from './useReviewClaim';

/** The item's title, its status and the decisions (skip, send back, approve), with who holds it. */
export const WorkspaceHeader = ({
  review,
  claim,
  decided,
  deciding,
  canApprove,
  approveBlocker,
  onHelp,
  onSkip,
  onSendBack,
  onApprove,
}: {
  review: ReviewDetail;
  claim: ReturnType<typeof useReviewClaim>;
  decided: boolean;
  deciding: boolean;
  canApprove: boolean;
  approveBlocker: string | null;
  onHelp: () => void;
  onSkip: () => void;
  onSendBack: () => void;
  onApprove: () => void;
}) => {
  const translate = useTranslate();
  const dishName = useDishName();
  return (
    <Card sx={{ mb: 1 }}>
      <CardContent sx={{ py: '8px !important' }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems={{ md: 'center' }}>
          <IconButton component={Link} to="/reviews" aria-label={translate('ajimi.reviews.menu')}>
            <ArrowBackIcon />
          </IconButton>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="h5" component="h1">
              {dishName(review.dish)} · {review.cook.name} · {translate('ajimi.reviews.session_n', { n: review.attemptNumber })}
            </Typography>
            <Stack direction="row" spacing={1} alignItems="center">
              <StatusChip status={review.status} />
              <AgeField record={review} />
            </Stack>
          </Box>
          <Tooltip title={translate('ajimi.reviews.shortcuts.open')}>
            <IconButton onClick={onHelp} aria-label={translate('ajimi.reviews.shortcuts.open')}>
              <KeyboardIcon />
            </IconButton>
          </Tooltip>
          <Button onClick={onSkip} disabled={deciding} data-testid="next-item">
            {translate('ajimi.reviews.next.skip')}
          </Button>
          <Button variant="outlined" color="warning" startIcon={<UndoIcon />} disabled={!claim.held || decided || deciding} onClick={onSendBack} data-testid="send-back">
            {translate('ajimi.reviews.decision.send_back')} (S)
          </Button>
          <Tooltip title={approveBlocker ?? ''}>
            <span>
              <Button variant="contained" color="success" startIcon={<CheckIcon />} disabled={!canApprove} onClick={onApprove} data-testid="approve">
                {translate('ajimi.reviews.decision.approve')} (A)
              </Button>
            </span>
          </Tooltip>
        </Stack>
        <ClaimStateAlert review={review} claim={claim} decided={decided} />
      </CardContent>
    </Card>
  );
};
