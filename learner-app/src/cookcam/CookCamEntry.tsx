import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import CameraIcon from '@mui/icons-material/CameraAlt';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../upload/checkVideo';
import { CookCamScreen } from './CookCamScreen';
import { LiveUpload, pendingRecordings, type LiveUploadState } from './liveUpload';
import { browserCookCamSupport, MIN_COACHABLE_SEC } from './recorderFormat';

/**
 * The way into Cook Cam from the new-session screen: the button (or why this browser cannot film
 * in the app, so the cook uses the file upload below), and recordings a closed tab left behind,
 * which are sent and completed here as soon as the app is open again.
 */
export function CookCamEntry({ dishSlug, onOpenCoaching }: { dishSlug: string | undefined; onOpenCoaching: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [resumed, setResumed] = useState<LiveUploadState | null>(null);
  const unavailable = browserCookCamSupport();

  useEffect(() => {
    let live: LiveUpload | null = null;
    let off: (() => void) | undefined;
    void pendingRecordings().then(async (recs) => {
      // One at a time; a recording too short to coach stays on the phone until the cook films again.
      const rec = recs.find((r) => r.durationSec >= MIN_COACHABLE_SEC);
      if (!rec) return;
      live = await LiveUpload.resume(rec);
      off = live.subscribe(setResumed);
    });
    return () => {
      off?.();
      live?.close();
    };
  }, []);

  if (open && dishSlug) return <CookCamScreen dishSlug={dishSlug} onClose={() => setOpen(false)} onOpenCoaching={onOpenCoaching} />;

  return (
    <Stack spacing={1}>
      {resumed ? (
        <Alert severity={resumed.finished ? 'success' : 'info'} data-testid="cookcam-resumed" data-finished={resumed.finished}>
          {resumed.finished ? t('cookcam.resumedDone') : t('cookcam.resumed', { bytes: formatBytes(resumed.recordedBytes - resumed.ackedBytes, i18n.language) })}
        </Alert>
      ) : null}
      {unavailable ? (
        <Alert severity="info" data-testid="cookcam-unsupported" data-reason={unavailable}>
          {t(`cookcam.unsupported.${unavailable}`)}
        </Alert>
      ) : (
        <Button variant="contained" color="secondary" size="large" startIcon={<CameraIcon />} disabled={!dishSlug} onClick={() => setOpen(true)} data-testid="cookcam-open">
          {t('cookcam.open')}
        </Button>
      )}
    </Stack>
  );
}
