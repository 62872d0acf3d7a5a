import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Box, Button, Card, CardContent, CircularProgress, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Title, useBlocker, useGetOne, useLocaleState, useNotify, useParams, useTranslate } from 'react-admin';
import { approveReview, errorMessage, saveScript, sendBackReview } from '../api';
import { AgeField, StatusChip, useDishName, useFormatTime } from '../fields';
import { localIssues, markClip, normalizeScript, sameDraft, type Draft } from '../script';
import type { KeyMoment, NarrationScript, RenderVersion, ReviewDetail, ScriptVersion } from '../types';
import { CoachingTextCard, SessionNoteCard } from './ContextCards';
import { SendBackDialog, ShortcutHelpDialog } from './Dialogs';
import { EvidenceTimeline } from './EvidenceTimeline';
import { ServerPreviewPanel } from './ServerPreviewPanel';
import { isActiveRender, RenderPanel } from './RenderPanel';
import { ScriptEditor, type LineIssues } from './ScriptEditor';
import { usePreview } from './usePreview';
import { useReviewClaim } from './useReviewClaim';
import { useNextItem } from './useNextItem';
import { useShortcuts } from './useShortcuts';
import { useVideoPlayback } from './useVideoPlayback';
import { VersionHistory } from './VersionHistory';
import { VideoPanel } from './VideoPanel';

const POLL_MS = 1500;

// The live preview plays the draft in @remotion/player (Remotion License, README "Licence").
// VITE_AJIMI_LIVE_PREVIEW=false at build time leaves it out: Vite writes the value in literally, the
// dead branch and its import go, and the coach gets ServerPreviewPanel (timings + the FFmpeg render).
const PreviewPanel =
  import.meta.env.VITE_AJIMI_LIVE_PREVIEW !== 'false' ? lazy(() => import('./PreviewPanel').then((m) => ({ default: m.PreviewPanel }))) : ServerPreviewPanel;

const latestScript = (review: ReviewDetail): ScriptVersion | undefined => [...review.scripts].sort((a, b) => b.version - a.version)[0];
const byVersionDesc = (renders: RenderVersion[]) => [...renders].sort((a, b) => b.version - a.version);

/** Signed URLs change on every poll; keep the first one per key so a <video> does not reload. */
const useStableUrls = () => {
  const urls = useRef(new Map<string, string>());
  return useCallback((key: string, url: string | null | undefined, replace = false): string | null => {
    if (!url) return urls.current.get(key) ?? null;
    if (replace || !urls.current.has(key)) urls.current.set(key, url);
    return urls.current.get(key) ?? null;
  }, []);
};

/** Warns before leaving with unsaved script changes (in-app navigation and closing the tab). */
const useUnsavedGuard = (dirty: boolean) => {
  const translate = useTranslate();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(translate('ajimi.reviews.script.confirm_leave'))) blocker.proceed?.();
    else blocker.reset?.();
  }, [blocker, translate]);
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
};

/** /reviews/:id — the whole review on one screen. */
export const ReviewWorkspace = () => {
  const { id = '' } = useParams<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const goNext = useNextItem(id);
  const dishName = useDishName();
  const formatTime = useFormatTime();
  const stableUrl = useStableUrls();
  const [locale] = useLocaleState();

  const [poll, setPoll] = useState(false);
  const { data, error, refetch } = useGetOne<ReviewDetail>('reviews', { id }, { refetchInterval: poll ? POLL_MS : false, refetchOnWindowFocus: false });
  // react-admin seeds this cache with the queue's row; the workspace waits for the full item.
  const review = data && Array.isArray(data.scripts) ? data : undefined;

  // The editor's base (the version it started from) and the coach's draft.
  const [base, setBase] = useState<{ version: number; draft: Draft } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const dirty = draft !== null && base !== null && !sameDraft(draft, base.draft);

  useEffect(() => {
    if (!review) return;
    const latest = latestScript(review);
    if (!latest) return;
    // A new version (a new AI draft after send-back) is adopted unless the coach is mid-edit.
    if (base === null || (latest.version > base.version && !dirty)) {
      const next = { script: latest.content, keyMoment: latest.keyMoment };
      setBase({ version: latest.version, draft: next });
      setDraft(next);
    }
  }, [review, base, dirty]);

  const decided = review?.status === 'approved' || review?.status === 'sent_back';
  const claim = useReviewClaim(id, review !== undefined && !decided, () => void refetch());
  const readOnly = !claim.held || decided;

  // The cook's video and its transport.
  const playback = useVideoPlayback();
  const videoUrl = stableUrl(`source:${id}`, review?.video?.url) ?? '';
  // The poster and the sprite behind the timeline keep their first URL too (no re-download per poll).
  const stableVideo = review?.video
    ? {
        ...review.video,
        url: videoUrl,
        posterUrl: stableUrl(`poster:${id}`, review.video.posterUrl),
        sprite: review.video.sprite ? { ...review.video.sprite, url: stableUrl(`sprite:${id}`, review.video.sprite.url) ?? review.video.sprite.url } : null,
      }
    : null;
  const onVideoError = () => {
    // An expired signature: take the URL from the latest poll.
    if (review?.video && review.video.url !== videoUrl) stableUrl(`source:${id}`, review.video.url, true);
    void refetch();
  };

  const setClip = useCallback((keyMoment: KeyMoment) => setDraft((d) => (d ? { ...d, keyMoment } : d)), []);
  const setScript = useCallback((script: NarrationScript) => setDraft((d) => (d ? { ...d, script } : d)), []);

  const duration = review?.video?.durationSec ?? 0;
  const [helpOpen, setHelpOpen] = useState(false);

  // Live preview and the issues it reports, next to the lines they name.
  const preview = usePreview(id, draft);
  const local = useMemo(() => (draft ? localIssues(draft.script) : []), [draft]);
  const { lineIssues, generalIssues } = useMemo(() => {
    const lines: LineIssues = {};
    const general: string[] = [];
    const add = (lineId: string | undefined, text: string) => {
      if (lineId) (lines[lineId] ??= []).push(text);
      else general.push(text);
    };
    for (const issue of local) add(issue.lineId, translate(issue.message));
    if (local.length === 0 && preview.status === 'invalid') {
      for (const issue of preview.issues) add(issue.lineId, issue.message);
      if (preview.issues.length === 0 && preview.message) general.push(preview.message);
    }
    return { lineIssues: lines, generalIssues: general };
  }, [local, preview, translate]);

  // Renders: the newest one's progress, and the newest finished one for playback and approval.
  const renders = useMemo(() => byVersionDesc(review?.renders ?? []), [review]);
  const latestRender = renders[0];
  const finalRender = renders.find((r) => r.status === 'done');
  const finalVideoUrl = finalRender ? stableUrl(`render:${finalRender.id}`, finalRender.videoUrl) : null;
  const finalPosterUrl = finalRender ? stableUrl(`render-poster:${finalRender.id}`, finalRender.posterUrl) : null;
  const [saving, setSaving] = useState(false);
  // The render row appears when a worker picks the job up; until then the job is "queued".
  const [awaitingScript, setAwaitingScript] = useState<number | null>(null);
  const queuedScript = Math.max(awaitingScript ?? 0, ...(review?.queuedRenders ?? []).map((q) => q.scriptVersion));
  const pendingScript = queuedScript > (latestRender?.scriptVersion ?? 0) ? queuedScript : null;
  useEffect(() => {
    if (awaitingScript !== null && renders.some((r) => r.scriptVersion >= awaitingScript)) setAwaitingScript(null);
  }, [awaitingScript, renders]);
  const rendering = pendingScript !== null || isActiveRender(latestRender);
  useEffect(() => {
    setPoll(saving || rendering);
  }, [saving, rendering]);

  const rerender = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      const script = normalizeScript(draft.script);
      const saved = await saveScript(id, script, draft.keyMoment);
      const savedDraft = { script, keyMoment: draft.keyMoment };
      setBase({ version: saved.scriptVersion, draft: savedDraft });
      setDraft(savedDraft);
      setAwaitingScript(saved.scriptVersion);
      notify('ajimi.reviews.render.queued_toast', { type: 'info', messageArgs: { version: saved.scriptVersion } });
      await refetch();
    } catch (e) {
      notify('ajimi.reviews.errors.action', { type: 'error', messageArgs: { message: errorMessage(e) } });
    } finally {
      setSaving(false);
    }
  };

  const [deciding, setDeciding] = useState(false);
  const [sendBackOpen, setSendBackOpen] = useState(false);
  const approve = async () => {
    if (!finalRender) return;
    setDeciding(true);
    try {
      await approveReview(id, finalRender.id);
      notify('ajimi.reviews.decision.approved', { type: 'success' });
      await goNext();
    } catch (e) {
      notify('ajimi.reviews.errors.action', { type: 'error', messageArgs: { message: errorMessage(e) } });
    } finally {
      setDeciding(false);
    }
  };
  const sendBack = async (reason: string) => {
    setDeciding(true);
    try {
      await sendBackReview(id, reason);
      setSendBackOpen(false);
      // The draft is discarded on purpose: the AI writes the next one.
      if (base) setDraft(base.draft);
      notify('ajimi.reviews.decision.sent_back', { type: 'info' });
      await goNext();
    } catch (e) {
      notify('ajimi.reviews.errors.action', { type: 'error', messageArgs: { message: errorMessage(e) } });
    } finally {
      setDeciding(false);
    }
  };

  useUnsavedGuard(dirty && !deciding);
  // Next without deciding: this item goes back to the queue (leaving releases the claim).
  const skip = async () => {
    try {
      await goNext();
    } catch (e) {
      notify('ajimi.reviews.errors.action', { type: 'error', messageArgs: { message: errorMessage(e) } });
    }
  };
  const canApprove = claim.held && !decided && !dirty && finalRender !== undefined && !rendering && !deciding;
  useShortcuts(
    {
      ' ': playback.toggle,
      j: () => playback.shuttle(-1),
      k: () => playback.shuttle(0),
      l: () => playback.shuttle(1),
      ',': () => playback.step(-1),
      '.': () => playback.step(1),
      i: () => !readOnly && draft && setClip(markClip(draft.keyMoment, 'start', playback.time(), duration)),
      o: () => !readOnly && draft && setClip(markClip(draft.keyMoment, 'end', playback.time(), duration)),
      '1': () => playback.play(0.25),
      '2': () => playback.play(0.5),
      a: () => canApprove && void approve(),
      s: () => claim.held && !decided && !deciding && setSendBackOpen(true),
      n: () => !deciding && void skip(),
      '?': () => setHelpOpen(true),
    },
    review !== undefined,
  );

  const loadVersion = (v: ScriptVersion) => {
    setDraft({ script: v.content, keyMoment: v.keyMoment });
    notify('ajimi.reviews.versions.loaded', { type: 'info', messageArgs: { version: v.version } });
  };

  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate('ajimi.reviews.errors.load')} {errorMessage(error)}</Alert>;
  if (!review || !draft) {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', mt: 8 }}>
        <CircularProgress />
      </Box>
    );
  }

  const approveBlocker = !claim.held
    ? null
    : dirty
      ? translate('ajimi.reviews.decision.approve_needs_save')
      : !finalRender
        ? translate('ajimi.reviews.decision.approve_needs_render')
        : translate('ajimi.reviews.decision.approve_hint', { version: finalRender.version });
  const canRender = claim.held && !decided && local.length === 0 && preview.status !== 'invalid' && !saving;

  return (
    <Box sx={{ mt: 1, mb: 4 }} data-testid="review-workspace" data-review-id={review.id}>
      <Title title={translate('ajimi.reviews.workspace_title', { dish: dishName(review.dish), cook: review.cook.name })} />
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
              <IconButton onClick={() => setHelpOpen(true)} aria-label={translate('ajimi.reviews.shortcuts.open')}>
                <KeyboardIcon />
              </IconButton>
            </Tooltip>
            <Button onClick={() => void skip()} disabled={deciding} data-testid="next-item">
              {translate('ajimi.reviews.next.skip')}
            </Button>
            <Button variant="outlined" color="warning" startIcon={<UndoIcon />} disabled={!claim.held || decided || deciding} onClick={() => setSendBackOpen(true)} data-testid="send-back">
              {translate('ajimi.reviews.decision.send_back')} (S)
            </Button>
            <Tooltip title={approveBlocker ?? ''}>
              <span>
                <Button variant="contained" color="success" startIcon={<CheckIcon />} disabled={!canApprove} onClick={() => void approve()} data-testid="approve">
                  {translate('ajimi.reviews.decision.approve')} (A)
                </Button>
              </span>
            </Tooltip>
          </Stack>
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
        </CardContent>
      </Card>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 7fr) minmax(0, 5fr)' }, gap: 1, alignItems: 'start' }}>
        <Stack spacing={2}>
          <VideoPanel
            review={{ ...review, video: stableVideo }}
            videoUrl={videoUrl}
            playback={playback}
            clip={draft.keyMoment}
            onClipChange={setClip}
            readOnly={readOnly}
            part2={draft.script.part2}
            onVideoError={onVideoError}
          />
          {review.analysis && <EvidenceTimeline analysis={review.analysis} duration={duration} currentTime={playback.currentTime} onSeek={playback.seek} />}
          <CoachingTextCard review={review} />
          <SessionNoteCard review={review} />
        </Stack>
        <Stack spacing={2}>
          {/* The script beside the video (not under it): video, timeline, script and decision fit one 1440×900 screen. */}
          <Box data-testid="script-editor">
            <ScriptEditor
              script={draft.script}
              onChange={setScript}
              issues={lineIssues}
              generalIssues={generalIssues}
              readOnly={readOnly}
              dirty={dirty}
              baseVersion={base?.version ?? null}
              onReset={() => base && setDraft(base.draft)}
              onSeekOffset={(offset) => playback.seek(draft.keyMoment.start + offset)}
            />
          </Box>
          <Suspense fallback={<CircularProgress />}>
            <PreviewPanel preview={preview} />
          </Suspense>
          <RenderPanel latest={latestRender} pendingScript={pendingScript} final={finalRender} finalVideoUrl={finalVideoUrl} finalPosterUrl={finalPosterUrl} canRender={canRender && !rendering} saving={saving} onRerender={() => void rerender()} />
          <VersionHistory scripts={review.scripts} draft={draft} dirty={dirty} onLoad={loadVersion} readOnly={readOnly} />
        </Stack>
      </Box>

      <SendBackDialog open={sendBackOpen} busy={deciding} onClose={() => setSendBackOpen(false)} onConfirm={(reason) => void sendBack(reason)} />
      <ShortcutHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Box>
  );
};
