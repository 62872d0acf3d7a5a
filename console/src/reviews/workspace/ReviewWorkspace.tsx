import { Alert, Box, CircularProgress, Stack } from '@mui/material';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Title, useGetOne, useNotify, useParams, useTranslate } from 'react-admin';
import { approveReview, errorMessage, saveScript, sendBackReview } from '../api';
import { useDishName } from '../fields';
import { markClip, normalizeScript, sameDraft, type Draft } from '../script';
import type { KeyMoment, NarrationScript, ReviewDetail, ScriptVersion } from '../types';
import { CoachingTextCard } from './CoachingTextCard';
import { WorkspaceHeader } from './WorkspaceHeader';
import { useLineIssues } from './useLineIssues';
import { useStableUrls } from './useStableUrls';
import { useUnsavedGuard } from './useUnsavedGuard';
import { SessionNoteCard } from './ContextCards';
import { SendBackDialog, ShortcutHelpDialog } from './Dialogs';
import { EvidenceTimeline } from './EvidenceTimeline';
import { ServerPreviewPanel } from './ServerPreviewPanel';
import { PreviousSessionCompare } from './PreviousSessionCompare';
import { RenderPanel } from './RenderPanel';
import { useRenderProgress } from './useRenderProgress';
import { ScriptEditor } from './ScriptEditor';
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

/** /reviews/:id — the whole review on one screen. */
export const ReviewWorkspace = () => {
  const { id = '' } = useParams<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const goNext = useNextItem(id);
  const dishName = useDishName();
  const stableUrl = useStableUrls();

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
  const { local, lineIssues, generalIssues } = useLineIssues(draft, preview);

  const { latestRender, finalRender, pendingScript, rendering, setAwaitingScript } = useRenderProgress(review);
  const finalVideoUrl = finalRender ? stableUrl(`render:${finalRender.id}`, finalRender.videoUrl) : null;
  const finalPosterUrl = finalRender ? stableUrl(`render-poster:${finalRender.id}`, finalRender.posterUrl) : null;
  const [saving, setSaving] = useState(false);
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
      <WorkspaceHeader
        review={review}
        claim={claim}
        decided={decided}
        deciding={deciding}
        canApprove={canApprove}
        approveBlocker={approveBlocker}
        onHelp={() => setHelpOpen(true)}
        onSkip={() => void skip()}
        onSendBack={() => setSendBackOpen(true)}
        onApprove={() => void approve()}
      />

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
          <PreviousSessionCompare reviewId={review.id} videoUrl={videoUrl} clip={draft.keyMoment} attemptNumber={review.attemptNumber} />
          <CoachingTextCard review={review} canCorrect={claim.state.kind !== 'other'} onCorrected={() => void refetch()} />
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
