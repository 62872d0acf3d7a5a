import CompareIcon from '@mui/icons-material/Compare';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { errorMessage, fetchPreviousSession, type PreviousSessionClip } from '../api';
import type { KeyMoment } from '../types';

type Loaded = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; previous: PreviousSessionClip | null };

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** A <video> that stops at the end of its clip. */
const ClipVideo = ({ src, poster, clip, videoRef, label, testId }: { src: string; poster?: string | null; clip: KeyMoment | null; videoRef: React.RefObject<HTMLVideoElement | null>; label: string; testId: string }) => (
  <Box sx={{ flex: 1, minWidth: 0 }}>
    <Typography variant="subtitle2" component="h3" gutterBottom>
      {label}
    </Typography>
    <Box
      component="video"
      ref={videoRef}
      src={src}
      poster={poster ?? undefined}
      controls
      preload="metadata"
      playsInline
      data-testid={testId}
      aria-label={label}
      onTimeUpdate={(e: React.SyntheticEvent<HTMLVideoElement>) => {
        const v = e.currentTarget;
        if (clip && !v.paused && v.currentTime >= clip.end) v.pause();
      }}
      sx={{ width: '100%', aspectRatio: '16 / 9', bgcolor: 'black', borderRadius: 1 }}
    />
    {clip && (
      <Typography variant="caption" color="text.secondary">
        {clock(clip.start)}–{clock(clip.end)}
      </Typography>
    )}
  </Box>
);

/**
 * Issue 16: this clip beside the same cook's previous coachable session of the dish, both playable,
 * started together from their key moments. Loaded only when the coach opens it.
 */
export const PreviousSessionCompare = ({ reviewId, videoUrl, clip, attemptNumber }: { reviewId: string; videoUrl: string; clip: KeyMoment; attemptNumber: number }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const current = useRef<HTMLVideoElement>(null);
  const previous = useRef<HTMLVideoElement>(null);
  const K = (key: string) => `ajimi.reviews.compare.${key}`;

  useEffect(() => {
    if (!open) return undefined;
    const abort = new AbortController();
    setLoaded({ kind: 'loading' });
    fetchPreviousSession(reviewId, abort.signal).then(
      (p) => setLoaded({ kind: 'done', previous: p }),
      (e: unknown) => !abort.signal.aborted && setLoaded({ kind: 'error', message: errorMessage(e) }),
    );
    return () => abort.abort();
  }, [open, reviewId]);

  const playBoth = (p: PreviousSessionClip) => {
    const pairs: Array<[HTMLVideoElement | null, number]> = [
      [current.current, clip.start],
      [previous.current, p.keyMoment?.start ?? 0],
    ];
    for (const [v, start] of pairs) {
      if (!v) continue;
      v.pause();
      v.currentTime = start;
    }
    // Started in the same tick, after both have sought: the two clips begin together.
    for (const [v] of pairs) void v?.play().catch(() => undefined);
  };

  return (
    <Card data-testid="compare">
      <CardContent>
        <Stack direction="row" alignItems="center" spacing={1}>
          <Typography variant="subtitle1" component="h2" sx={{ flexGrow: 1 }}>
            {translate(K('title'))}
          </Typography>
          <Button size="small" startIcon={<CompareIcon />} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="compare-toggle">
            {translate(open ? K('hide') : K('show'))}
          </Button>
        </Stack>
        {open &&
          (loaded.kind === 'loading' ? (
            <CircularProgress size={24} />
          ) : loaded.kind === 'error' ? (
            <Alert severity="error">{translate('ajimi.reviews.errors.action', { message: loaded.message })}</Alert>
          ) : !loaded.previous ? (
            <Typography variant="body2" color="text.secondary" data-testid="compare-empty">
              {translate(K('none'))}
            </Typography>
          ) : (
            <Box data-testid="compare-panel" data-previous-session={loaded.previous.session.id}>
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                <ClipVideo src={videoUrl} clip={clip} videoRef={current} label={translate(K('this_session'), { n: attemptNumber })} testId="compare-current" />
                <ClipVideo
                  src={loaded.previous.video.url}
                  poster={loaded.previous.video.posterUrl}
                  clip={loaded.previous.keyMoment}
                  videoRef={previous}
                  label={translate(K('previous_session'), { n: loaded.previous.session.attemptNumber, date: new Date(loaded.previous.session.createdAt).toLocaleDateString(locale) })}
                  testId="compare-previous"
                />
              </Stack>
              {loaded.previous.diagnosis && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                  {translate(K('previous_diagnosis'), { problem: locale === 'en' ? loaded.previous.diagnosis.problem.en : loaded.previous.diagnosis.problem.ja })}
                </Typography>
              )}
              <Button sx={{ mt: 1 }} variant="outlined" startIcon={<PlayArrowIcon />} onClick={() => loaded.kind === 'done' && loaded.previous && playBoth(loaded.previous)} data-testid="compare-play">
                {translate(K('play_both'))}
              </Button>
            </Box>
          ))}
      </CardContent>
    </Card>
  );
};
