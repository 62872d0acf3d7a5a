import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Rating from '@mui/material/Rating';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import VideocamIcon from '@mui/icons-material/Videocam';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import { useTranslation } from 'react-i18next';
import type { Dish, Profile, SelfRatingKey } from '../api/types';
import { SELF_RATING_KEYS } from '../api/types';
import { ErrorState } from '../components/ErrorState';
import { CookCamEntry } from '../cookcam/CookCamEntry';
import { LoadingState } from '../components/LoadingState';
import { UploadProgress } from '../components/UploadProgress';
import { VoiceMemoRecorder } from '../components/VoiceMemoRecorder';
import type { ResourceState } from '../hooks/useResource';
import { bilingual, sessionLabel } from '../sessions/sessionStatus';
import { sniffVideoFile } from '../upload/sniffVideo';
import { checkVideoFile, formatBytes, formatDuration, readVideoDuration, type VideoProblem } from '../upload/checkVideo';
import { startUpload, useUpload } from '../upload/uploadManager';

interface PickedVideo {
  file: File;
  durationSec: number | null;
  checking: boolean;
  problem: VideoProblem | null;
}

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, borderRadius: 3 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
        {title}
      </Typography>
      {hint ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {hint}
        </Typography>
      ) : (
        <Box sx={{ mb: 1 }} />
      )}
      {children}
    </Paper>
  );
}

/**
 * New session: dish ("Session N of fried rice"), the video (film with the camera or pick a file,
 * checked at once for type, size and duration), an optional voice memo, note and self-ratings.
 * Sending creates the session and starts the resumable upload.
 */
/** The server's limit for the note (sessions API). */
const MAX_NOTE_CHARS = 2000;

export function NewSessionScreen({
  dishes,
  profile,
  initialDish,
  onOpenCoaching,
}: {
  dishes: ResourceState<Dish[]>;
  profile: Profile | undefined;
  initialDish: string | undefined;
  onOpenCoaching: () => void;
}) {
  const { t, i18n } = useTranslation();
  const upload = useUpload();
  const [dishSlug, setDishSlug] = useState(initialDish ?? '');
  const [video, setVideo] = useState<PickedVideo | null>(null);
  const [memo, setMemo] = useState<Blob | null>(null);
  const [note, setNote] = useState('');
  const [ratings, setRatings] = useState<Partial<Record<SelfRatingKey, number>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const captureRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // Their dishes first, in their order, then the rest.
  const ordered = useMemo(() => {
    const all = dishes.data ?? [];
    const mine = (profile?.dishes ?? []).map((d) => all.find((x) => x.slug === d.slug)).filter((d): d is Dish => Boolean(d));
    return [...mine, ...all.filter((d) => !mine.includes(d))];
  }, [dishes.data, profile]);

  useEffect(() => {
    if (!dishSlug && ordered.length && profile?.dishes[0]) setDishSlug(profile.dishes[0].slug);
  }, [dishSlug, ordered.length, profile]);

  const dish = ordered.find((d) => d.slug === dishSlug);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const first = checkVideoFile(file, null);
    setVideo({ file, durationSec: null, checking: !first, problem: first });
    if (first) return;
    // The bytes, not the name: a text file renamed .mp4 is caught here, not after the upload.
    if ((await sniffVideoFile(file)) === 'not_video') {
      setVideo((v) => (v?.file === file ? { file, durationSec: null, checking: false, problem: { code: 'not_video' } } : v));
      return;
    }
    const durationSec = await readVideoDuration(file);
    setVideo((v) => (v?.file === file ? { file, durationSec, checking: false, problem: checkVideoFile(file, durationSec) } : v));
  };

  if (upload && upload.phase !== 'cancelled') {
    return (
      <Box sx={{ p: 2 }}>
        <UploadProgress upload={upload} onOpen={onOpenCoaching} />
      </Box>
    );
  }

  if (dishes.data === undefined) {
    return dishes.error !== undefined && !dishes.loading ? <ErrorState error={dishes.error} onRetry={dishes.reload} /> : <LoadingState />;
  }

  const noteOver = note.length - MAX_NOTE_CHARS;
  const canSend = Boolean(dish && video && !video.checking && !video.problem && noteOver <= 0);
  const send = () => {
    setSubmitted(true);
    if (!canSend || !dish || !video) return;
    try {
      startUpload({ dishSlug: dish.slug, note: note.trim() || undefined, selfRatings: ratings, video: video.file, memo });
    } catch {
      setStartError(t('newSession.busy'));
    }
  };

  return (
    <Stack spacing={2} sx={{ p: 2 }} component="form" onSubmit={(e) => (e.preventDefault(), send())} data-testid="new-session">
      {upload?.phase === 'cancelled' ? (
        <Alert severity="info" data-testid="upload-cancelled">
          {t('upload.cancelled')}
        </Alert>
      ) : null}
      <Section title={t('newSession.dish')}>
        <TextField
          select
          name="dish"
          label={t('newSession.pickDish')}
          value={dishSlug}
          onChange={(e) => setDishSlug(e.target.value)}
          error={submitted && !dish}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'dish-select' } as React.HTMLAttributes<HTMLDivElement> } }}
        >
          {ordered.map((d) => (
            <MenuItem key={d.slug} value={d.slug} data-testid={`dish-option-${d.slug}`}>
              {bilingual(d.name, i18n.language)}
            </MenuItem>
          ))}
        </TextField>
        {dish ? (
          <Typography sx={{ mt: 1, fontWeight: 700, color: 'primary.main' }} data-testid="session-label">
            {sessionLabel(t, i18n.language, dish.name, dish.nextAttempt)}
          </Typography>
        ) : null}
      </Section>

      <Section title={t('newSession.video')} hint={t('newSession.videoHint')}>
        <Box sx={{ mb: 1.5 }}>
          <CookCamEntry dishSlug={dish?.slug} onOpenCoaching={onOpenCoaching} />
        </Box>
        <input ref={captureRef} type="file" accept="video/*" capture="environment" hidden data-testid="video-capture" onChange={(e) => void pick(e.target.files?.[0])} />
        <input ref={fileRef} type="file" accept="video/*,.mp4,.mov,.m4v,.webm,.mkv,.3gp" hidden data-testid="video-file" onChange={(e) => void pick(e.target.files?.[0])} />
        {video ? (
          <Box sx={{ mb: 1.5 }} data-testid="video-picked">
            <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {video.file.name}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {formatBytes(video.file.size, i18n.language)}
              {video.durationSec ? ` · ${formatDuration(video.durationSec)}` : ''}
            </Typography>
            {video.checking ? (
              <Typography variant="body2" color="text.secondary" data-testid="video-checking">
                {t('newSession.checking')}
              </Typography>
            ) : null}
            {video.problem ? (
              <Alert severity="error" sx={{ mt: 1 }} role="alert" data-testid="video-problem" data-code={video.problem.code}>
                {t(`videoProblem.${video.problem.code}`, video.problem)}
              </Alert>
            ) : !video.checking && video.durationSec === null ? (
              <Alert severity="info" sx={{ mt: 1 }}>
                {t('newSession.durationUnknown')}
              </Alert>
            ) : null}
          </Box>
        ) : submitted ? (
          <Alert severity="error" sx={{ mb: 1.5 }} data-testid="video-required">
            {t('newSession.videoRequired')}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" startIcon={<VideocamIcon />} onClick={() => captureRef.current?.click()} data-testid="film">
            {video ? t('newSession.changeVideo') : t('newSession.film')}
          </Button>
          <Button variant="outlined" startIcon={<FolderOpenIcon />} onClick={() => fileRef.current?.click()} data-testid="pick-file">
            {t('newSession.pickFile')}
          </Button>
        </Stack>
      </Section>

      <Section title={t('newSession.memo')} hint={t('newSession.memoHint')}>
        <VoiceMemoRecorder memo={memo} onChange={setMemo} />
      </Section>

      <Section title={t('newSession.note')}>
        <TextField
          name="note"
          multiline
          minRows={2}
          maxRows={6}
          value={note}
          // Never cut what the cook wrote: count it, and say how much is over the limit.
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('newSession.notePlaceholder')}
          error={noteOver > 0}
          helperText={noteOver > 0 ? t('newSession.noteTooLong', { over: noteOver, max: MAX_NOTE_CHARS }) : t('newSession.noteCount', { count: note.length, max: MAX_NOTE_CHARS })}
          slotProps={{ htmlInput: { 'data-testid': 'note', 'aria-label': t('newSession.note') }, formHelperText: { 'data-testid': 'note-count', 'aria-live': 'polite' } as object }}
        />
      </Section>

      <Section title={t('newSession.ratings')}>
        <Stack spacing={0.5}>
          {SELF_RATING_KEYS.map((key) => (
            <Box key={key} sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', minHeight: 44 }}>
              <Typography component="label" id={`rating-${key}`}>
                {t(`newSession.rating.${key}`)}
              </Typography>
              <Rating
                name={`rating-${key}`}
                size="large"
                value={ratings[key] ?? null}
                onChange={(_e, value) => setRatings((r) => ({ ...r, [key]: value ?? undefined }))}
                data-testid={`rating-${key}`}
                // MUI's default says "1 Star" in English whatever the language.
                getLabelText={(value: number) => t('newSession.ratingValue', { value })}
                emptyLabelText={t('newSession.ratingEmpty')}
                slotProps={{ root: { 'aria-labelledby': `rating-${key}` } as React.HTMLAttributes<HTMLSpanElement> }}
              />
            </Box>
          ))}
        </Stack>
      </Section>

      {startError ? <Alert severity="error">{startError}</Alert> : null}
      <Button type="submit" variant="contained" size="large" disabled={submitted && !canSend} data-testid="send-session">
        {t('newSession.send')}
      </Button>
    </Stack>
  );
}
