import { useCallback, useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import { useTranslation } from 'react-i18next';
import { cancelSession, createSession } from '../api/endpoints';
import { formatBytes, formatDuration } from '../upload/checkVideo';
import { AutoStartStop, type AutoPhase } from './autoStartStop';
import { FrameSampler, MicSense } from './cameraSense';
import { listChunks } from './chunkStore';
import { preflight, readFrame, type FrameReading, type GreyFrame, type PreflightProblem } from './frameCheck';
import { LiveUpload, type LiveUploadState } from './liveUpload';
import { MIN_COACHABLE_SEC, pickRecorderFormat } from './recorderFormat';

type Phase =
  | { name: 'opening' }
  | { name: 'no_camera'; reason: string }
  | { name: 'ready' }
  | { name: 'recording' }
  | { name: 'sending'; bytesAtStop: number }
  | { name: 'done'; bytesAtStop: number }
  | { name: 'too_short'; durationSec: number; saveUrl: string | null }
  | { name: 'error'; message: string };

const TICK_MS = 500;
const PREFLIGHT_SEC = 3;
const CHUNK_MS = 2000;

type WakeLockSentinel = { release(): Promise<void> };

/**
 * Cook Cam: the phone on an overhead mount films the pan. Full screen: the preview with the
 * framing guide and a live check (framed, lit, steady), time and free storage, big start/stop
 * buttons, and "auto" (start on sizzle or motion, stop after a quiet stretch with a countdown).
 * Chunks go up while filming (LiveUpload); at stop only the tail is left and the pipeline starts.
 */
export function CookCamScreen({ dishSlug, onClose, onOpenCoaching }: { dishSlug: string; onClose: () => void; onOpenCoaching: () => void }) {
  const { t, i18n } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const uploadRef = useRef<LiveUpload | null>(null);
  const sessionRef = useRef<string | null>(null);
  const startedAtRef = useRef(0);
  const autoRef = useRef(new AutoStartStop());
  const autoOnRef = useRef(false);
  const phaseRef = useRef<Phase>({ name: 'opening' });
  const wakeRef = useRef<WakeLockSentinel | null>(null);
  const [phase, setPhaseState] = useState<Phase>({ name: 'opening' });
  const [reading, setReading] = useState<FrameReading | null>(null);
  const [problems, setProblems] = useState<PreflightProblem[] | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [freeBytes, setFreeBytes] = useState<number | null>(null);
  const [autoOn, setAutoOn] = useState(false);
  const [autoPhase, setAutoPhase] = useState<AutoPhase>({ phase: 'waiting' });
  const [sizzle, setSizzle] = useState(0);
  const [upload, setUpload] = useState<LiveUploadState | null>(null);
  const [frameSize, setFrameSize] = useState({ w: 16, h: 9 });
  const mimeType = useRef<string | null>(typeof MediaRecorder === 'undefined' ? null : pickRecorderFormat((x) => MediaRecorder.isTypeSupported(x)));

  const setPhase = (p: Phase) => {
    phaseRef.current = p;
    setPhaseState(p);
  };

  const keepAwake = async () => {
    try {
      const nav = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> } };
      if (!wakeRef.current && nav.wakeLock) wakeRef.current = await nav.wakeLock.request('screen');
    } catch {
      // not allowed (battery saver): filming goes on; the cook is told to keep the screen on
    }
  };

  // Camera and microphone.
  useEffect(() => {
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } }, audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } })
      .then((stream) => {
        if (cancelled) return stream.getTracks().forEach((tr) => tr.stop());
        streamRef.current = stream;
        if (videoRef.current) {
          videoRef.current.srcObject = stream;
          void videoRef.current.play().catch(() => undefined);
        }
        setPhase({ name: 'ready' });
        void keepAwake(); // on the mount, waiting for "auto" or the cook's tap
      })
      .catch((err: unknown) => {
        const name = err instanceof DOMException ? err.name : '';
        setPhase({ name: 'no_camera', reason: name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'no_device' : 'other' });
      });
    return () => {
      cancelled = true;
      streamRef.current?.getTracks().forEach((tr) => tr.stop());
      if (recorderRef.current?.state === 'recording') recorderRef.current.stop();
      uploadRef.current?.close();
      void wakeRef.current?.release().catch(() => undefined);
    };
  }, []);

  // Full screen: the form underneath must not scroll.
  useEffect(() => {
    const previous = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = previous;
    };
  }, []);

  // Free storage on the phone (the chunks wait in IndexedDB until the server has them).
  useEffect(() => {
    const read = () =>
      navigator.storage
        ?.estimate?.()
        .then((e) => setFreeBytes(e.quota !== undefined && e.usage !== undefined ? Math.max(0, e.quota - e.usage) : null))
        .catch(() => undefined);
    void read();
    const timer = setInterval(() => void read(), 5000);
    return () => clearInterval(timer);
  }, []);

  const start = useCallback(async () => {
    const stream = streamRef.current;
    const mime = mimeType.current;
    if (!stream || !mime || phaseRef.current.name !== 'ready') return;
    setPhase({ name: 'recording' });
    try {
      const session = await createSession({ dishSlug });
      sessionRef.current = session.id;
      const live = await LiveUpload.start(session.id, mime);
      live.keepLocalUntilSec = MIN_COACHABLE_SEC;
      uploadRef.current = live;
      live.subscribe(setUpload);
      // A keyframe every 2 s (MediaRecorderOptions.videoKeyFrameIntervalDuration; ignored where unsupported): the
      // server measures the part already uploaded while filming and seeks to where it stopped.
      const options: MediaRecorderOptions & { videoKeyFrameIntervalDuration?: number } = { mimeType: mime, videoBitsPerSecond: 2_500_000, audioBitsPerSecond: 128_000, videoKeyFrameIntervalDuration: 2000 };
      const recorder = new MediaRecorder(stream, options);
      recorderRef.current = recorder;
      startedAtRef.current = performance.now();
      recorder.ondataavailable = (e) => void live.add(e.data, (performance.now() - startedAtRef.current) / 1000);
      recorder.start(CHUNK_MS);
      autoRef.current.setRecording(true, performance.now() / 1000);
      void keepAwake();
    } catch (err) {
      setPhase({ name: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }, [dishSlug]);

  const stop = useCallback(async () => {
    const recorder = recorderRef.current;
    const live = uploadRef.current;
    if (!recorder || !live || phaseRef.current.name !== 'recording') return;
    const durationSec = (performance.now() - startedAtRef.current) / 1000;
    autoRef.current.setRecording(false, performance.now() / 1000);
    // The last chunk arrives with 'dataavailable' before 'stop'.
    await new Promise<void>((resolve) => {
      recorder.addEventListener('stop', () => resolve(), { once: true });
      recorder.stop();
    });
    await new Promise((r) => setTimeout(r, 0));
    void wakeRef.current?.release().catch(() => undefined);
    wakeRef.current = null;
    if (durationSec < MIN_COACHABLE_SEC) {
      // Kept on the phone (all its chunks are still in IndexedDB), not sent into the pipeline.
      live.close();
      const chunks = await listChunks(live.id).catch(() => []);
      const saveUrl = chunks.length ? URL.createObjectURL(new Blob(chunks.map((c) => c.blob), { type: live.record.mimeType })) : null;
      if (sessionRef.current) await cancelSession(sessionRef.current).catch(() => undefined);
      setPhase({ name: 'too_short', durationSec, saveUrl });
      return;
    }
    const s = live.state();
    const bytesAtStop = s.recordedBytes - s.ackedBytes;
    setPhase({ name: 'sending', bytesAtStop });
    await live.stop(durationSec);
    try {
      await live.whenFinished();
      setPhase({ name: 'done', bytesAtStop });
    } catch (err) {
      setPhase({ name: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  // The senses: every half second, a grey frame and the microphone.
  const sensing = phase.name === 'ready' || phase.name === 'recording';
  useEffect(() => {
    if (!sensing) return;
    const sampler = new FrameSampler();
    const mic = streamRef.current?.getAudioTracks().length ? new MicSense(streamRef.current) : null;
    let previous: GreyFrame | null = null;
    const checks: FrameReading[] = [];
    const checkFrom = performance.now();
    const timer = setInterval(() => {
      const video = videoRef.current;
      const frame = video ? sampler.grab(video) : null;
      const now = performance.now() / 1000;
      if (phaseRef.current.name === 'recording') setElapsed((performance.now() - startedAtRef.current) / 1000);
      if (!frame) return;
      const r = readFrame(frame, previous);
      previous = frame;
      setReading(r);
      if (performance.now() - checkFrom <= PREFLIGHT_SEC * 1000 + TICK_MS) {
        checks.push(r);
        if (performance.now() - checkFrom >= PREFLIGHT_SEC * 1000) setProblems(preflight(checks));
      }
      const sound = mic?.read() ?? null;
      setSizzle(sound?.frying ?? 0);
      if (r.motion === null) return;
      const decision = autoOnRef.current ? autoRef.current.tick({ t: now, frying: sound?.frying ?? 0, motion: r.motion }) : null;
      setAutoPhase(autoRef.current.phase(now));
      if (decision === 'start') void start();
      if (decision === 'stop') void stop();
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      mic?.close();
    };
  }, [sensing, start, stop]);

  const toggleAuto = (on: boolean) => {
    autoOnRef.current = on;
    setAutoOn(on);
    autoRef.current.setRecording(phaseRef.current.name === 'recording', performance.now() / 1000);
  };

  const live = (ok: boolean, label: string, testid: string) => (
    <Chip size="small" color={ok ? 'success' : 'warning'} label={`${ok ? '✓' : '!'} ${label}`} data-testid={testid} data-ok={ok} />
  );

  const recording = phase.name === 'recording';
  const unsent = upload ? upload.recordedBytes - upload.ackedBytes : 0;

  return (
    <Box
      data-testid="cookcam"
      data-phase={phase.name}
      sx={{ position: 'fixed', inset: 0, bgcolor: '#000', color: '#fff', display: 'flex', flexDirection: 'column', zIndex: 1300, '@media (orientation: landscape)': { flexDirection: 'row' } }}
    >
      <Box sx={{ position: 'relative', flex: 1, minHeight: 0, overflow: 'hidden' }}>
        <video
          ref={videoRef}
          playsInline
          muted
          autoPlay
          onLoadedMetadata={(e) => setFrameSize({ w: e.currentTarget.videoWidth || 16, h: e.currentTarget.videoHeight || 9 })}
          onResize={(e) => setFrameSize({ w: e.currentTarget.videoWidth || 16, h: e.currentTarget.videoHeight || 9 })}
          style={{ width: '100%', height: '100%', objectFit: 'contain', background: '#000' }}
          data-testid="cookcam-preview"
        />
        {/* Framing guide, laid over the picture as shown (contain = meet): the circle the check reads. */}
        <svg viewBox={`0 0 ${frameSize.w} ${frameSize.h}`} preserveAspectRatio="xMidYMid meet" style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }} aria-hidden>
          <circle
            cx={frameSize.w / 2}
            cy={frameSize.h / 2}
            r={0.4 * Math.min(frameSize.w, frameSize.h)}
            fill="none"
            stroke={reading && !reading.cutOff && !reading.dark ? '#7CFC00' : '#FFD54F'}
            strokeWidth={Math.min(frameSize.w, frameSize.h) / 100}
            strokeDasharray={`${Math.min(frameSize.w, frameSize.h) / 30} ${Math.min(frameSize.w, frameSize.h) / 50}`}
            data-testid="cookcam-guide"
          />
        </svg>
        <IconButton onClick={onClose} aria-label={t('cookcam.close')} sx={{ position: 'absolute', top: 8, left: 8, color: '#fff', bgcolor: 'rgba(0,0,0,0.4)' }} data-testid="cookcam-close" disabled={recording}>
          <CloseIcon />
        </IconButton>
        <Stack direction="row" spacing={0.5} sx={{ position: 'absolute', top: 12, right: 8, flexWrap: 'wrap', justifyContent: 'flex-end', gap: 0.5 }}>
          {reading ? (
            <>
              {live(!reading.cutOff && !reading.blank, t('cookcam.check.framed'), 'cookcam-check-framed')}
              {live(!reading.dark, t('cookcam.check.lit'), 'cookcam-check-lit')}
              {live((reading.shake ?? 0) <= 10, t('cookcam.check.steady'), 'cookcam-check-steady')}
              <Chip size="small" label={`${t('cookcam.sizzle')} ${Math.round(sizzle * 100)}%`} data-testid="cookcam-sizzle" />
            </>
          ) : null}
        </Stack>
        {recording ? (
          <Typography sx={{ position: 'absolute', bottom: 8, left: 12, fontWeight: 700, fontSize: 22, textShadow: '0 0 4px #000' }} data-testid="cookcam-time">
            ● {formatDuration(elapsed)}
          </Typography>
        ) : null}
      </Box>

      <Stack spacing={1} sx={{ p: 1.5, bgcolor: '#111', '@media (orientation: landscape)': { width: 340, flexShrink: 0, overflowY: 'auto', justifyContent: 'flex-end' } }}>
        {phase.name === 'no_camera' ? (
          <Alert severity="warning" data-testid="cookcam-unavailable" data-reason={phase.reason}>
            {t(`cookcam.noCamera.${phase.reason as 'denied' | 'no_device' | 'other'}`)}
          </Alert>
        ) : null}
        {problems && phase.name === 'ready' ? (
          problems.length ? (
            <Alert severity="warning" data-testid="cookcam-preflight" data-problems={problems.map((p) => p.code).join(',')}>
              {problems.map((p) => (p.code === 'cut_off' ? t(`cookcam.preflight.cut_off_${p.side}`) : t(`cookcam.preflight.${p.code}`))).join(' ')}
            </Alert>
          ) : (
            <Alert severity="success" data-testid="cookcam-preflight" data-problems="">
              {t('cookcam.preflight.ok')}
            </Alert>
          )
        ) : null}
        {autoPhase.phase === 'countdown' && autoOn ? (
          <Alert
            severity="info"
            data-testid="cookcam-countdown"
            action={
              <Button color="inherit" size="large" onClick={() => autoRef.current.cancelCountdown(performance.now() / 1000)} data-testid="cookcam-countdown-cancel">
                {t('cookcam.keepFilming')}
              </Button>
            }
          >
            {t('cookcam.countdown', { seconds: Math.ceil(autoPhase.remaining) })}
          </Alert>
        ) : null}
        {phase.name === 'sending' || phase.name === 'done' ? (
          <Alert severity={phase.name === 'done' ? 'success' : 'info'} data-testid="cookcam-upload" data-bytes-at-stop={phase.bytesAtStop} data-recorded={upload?.recordedBytes ?? 0} data-finished={phase.name === 'done'}>
            {phase.name === 'done' ? t('cookcam.sent') : t('cookcam.sending', { bytes: formatBytes(Math.max(0, unsent), i18n.language) })}
          </Alert>
        ) : null}
        {phase.name === 'too_short' ? (
          <Alert severity="warning" data-testid="cookcam-too-short">
            {t('cookcam.tooShort', { seconds: Math.round(phase.durationSec), min: MIN_COACHABLE_SEC })}
            {phase.saveUrl ? (
              <Box component="a" href={phase.saveUrl} download={mimeType.current?.startsWith('video/mp4') ? 'cookcam.mp4' : 'cookcam.webm'} sx={{ display: 'block', mt: 1, color: 'inherit' }}>
                {t('cookcam.saveCopy')}
              </Box>
            ) : null}
          </Alert>
        ) : null}
        {phase.name === 'error' ? <Alert severity="error">{t('cookcam.error', { message: phase.message })}</Alert> : null}
        {recording && upload ? (
          <Typography variant="caption" sx={{ color: '#ccc' }} data-testid="cookcam-live-upload" data-recorded={upload.recordedBytes} data-acked={upload.ackedBytes} data-waiting={upload.waitingNetwork}>
            {upload.waitingNetwork ? t('cookcam.offline') : t('cookcam.uploaded', { sent: formatBytes(upload.ackedBytes, i18n.language), recorded: formatBytes(upload.recordedBytes, i18n.language) })}
          </Typography>
        ) : null}
        <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between">
          <FormControlLabel
            control={<Switch checked={autoOn} onChange={(e) => toggleAuto(e.target.checked)} slotProps={{ input: { 'data-testid': 'cookcam-auto' } as React.InputHTMLAttributes<HTMLInputElement> }} />}
            label={<Typography sx={{ color: '#fff' }}>{t('cookcam.auto')}</Typography>}
          />
          <Typography variant="caption" sx={{ color: '#ccc' }} data-testid="cookcam-storage">
            {freeBytes !== null ? t('cookcam.free', { bytes: formatBytes(freeBytes, i18n.language) }) : ''}
          </Typography>
        </Stack>
        {autoOn && phase.name === 'ready' ? (
          <Typography variant="body2" sx={{ color: '#ccc' }}>
            {t('cookcam.autoWaiting')}
          </Typography>
        ) : null}
        {phase.name === 'done' || phase.name === 'sending' ? (
          <Button variant="contained" size="large" sx={{ minHeight: 72, fontSize: 22 }} onClick={onOpenCoaching} data-testid="cookcam-open-coaching">
            {t('upload.open')}
          </Button>
        ) : phase.name === 'too_short' || phase.name === 'error' || phase.name === 'no_camera' ? (
          <Button variant="contained" size="large" sx={{ minHeight: 72, fontSize: 22 }} onClick={onClose} data-testid="cookcam-back">
            {t('cookcam.back')}
          </Button>
        ) : recording ? (
          <Button variant="contained" color="error" size="large" sx={{ minHeight: 88, fontSize: 26, borderRadius: 4 }} onClick={() => void stop()} data-testid="cookcam-stop">
            ■ {t('cookcam.stop')}
          </Button>
        ) : (
          <Button variant="contained" size="large" sx={{ minHeight: 88, fontSize: 26, borderRadius: 4 }} disabled={phase.name !== 'ready' || !mimeType.current} onClick={() => void start()} data-testid="cookcam-start">
            ● {t('cookcam.start')}
          </Button>
        )}
        {!wakeRef.current && recording ? (
          <Typography variant="caption" sx={{ color: '#ccc' }}>
            {t('cookcam.keepScreenOn')}
          </Typography>
        ) : null}
      </Stack>
    </Box>
  );
}
