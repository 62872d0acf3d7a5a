import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import type { CookingSession } from '../api/types';
import { STEPS, completedSteps, sessionLabel } from '../sessions/sessionStatus';
import { ChooseAnotherFile } from '../upload/ChooseAnotherFile';

const STEP_KEYS = {
  uploaded: 'status.uploaded',
  analyzing: 'status.analyzing',
  coachingText: 'status.coachingText',
  inReview: 'status.inReview',
  delivered: 'status.delivered',
} as const;

/** Where a session is in the pipeline, updated live: uploaded → analysing → coaching text → review → delivered. */
export function SessionStatusCard({ session }: { session: CookingSession }) {
  const { t, i18n } = useTranslation();
  const done = completedSteps(session.status, session.failedStage);
  const failed = session.status === 'failed';
  return (
    <Paper
      variant="outlined"
      data-testid="session-status"
      data-session-id={session.id}
      data-status={session.status}
      sx={{ p: 1.5, borderRadius: 3 }}
    >
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 1, mb: 1 }}>
        <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
          {sessionLabel(t, i18n.language, session.dish.name, session.attemptNumber)}
        </Typography>
        <Typography variant="caption" color={failed ? 'error' : 'text.secondary'} role="status" data-testid="session-status-label">
          {t(`status.label.${session.status}`)}
        </Typography>
      </Box>
      <Stepper activeStep={failed ? done : done} alternativeLabel sx={{ '& .MuiStepLabel-label': { fontSize: '0.7rem', mt: 0.5 } }}>
        {STEPS.map((step, i) => (
          <Step key={step} completed={i < done}>
            <StepLabel error={failed && i === done}>{t(STEP_KEYS[step])}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {failed && session.failureReason ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="session-failure">
          {session.failureReason}
        </Alert>
      ) : null}
      {/* The server rejected the cook's file: another one goes to this same session, in place. */}
      {failed && session.acceptsNewVideo ? <ChooseAnotherFile session={session} /> : null}
    </Paper>
  );
}
