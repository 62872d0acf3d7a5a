import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CookingSession } from '../api/types';
import { sessionLabel } from '../sessions/sessionStatus';
import { checkVideoFile, readVideoDuration, type VideoProblem } from './checkVideo';
import { sniffVideoFile } from './sniffVideo';
import { chooseAnotherFile } from './uploadManager';

/**
 * After the server rejected the cook's file: pick another one in place and send it for the same
 * session (its number is kept). The same browser checks as the new-session screen run first.
 */
export function ChooseAnotherFile({ session }: { session: CookingSession }) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<VideoProblem | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    let found = checkVideoFile(file, null);
    if (!found && (await sniffVideoFile(file)) === 'not_video') found = { code: 'not_video' };
    if (!found) found = checkVideoFile(file, await readVideoDuration(file));
    setProblem(found);
    if (!found) chooseAnotherFile(session, file);
  };

  return (
    <Stack spacing={1} sx={{ mt: 1 }} data-testid="choose-another">
      <Typography variant="caption" color="text.secondary">
        {t('upload.chooseAnotherHelp', { label: sessionLabel(t, i18n.language, session.dish.name, session.attemptNumber) })}
      </Typography>
      <Button variant="contained" startIcon={<FolderOpenIcon />} onClick={() => input.current?.click()} data-testid="choose-another-file" sx={{ alignSelf: 'flex-start' }}>
        {t('upload.chooseAnother')}
      </Button>
      <input
        ref={input}
        type="file"
        accept="video/*"
        hidden
        data-testid="choose-another-input"
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {problem ? (
        <Alert severity="error" role="alert" data-testid="choose-another-problem">
          {t(`videoProblem.${problem.code}`, problem)}
        </Alert>
      ) : null}
    </Stack>
  );
}
