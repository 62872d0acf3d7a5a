import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import MicIcon from '@mui/icons-material/Mic';
import StopIcon from '@mui/icons-material/Stop';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { MAX_MEMO_SECONDS, formatDuration } from '../upload/checkVideo';

const MIME_CANDIDATES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'];

function pickMimeType(): string | undefined {
  if (typeof MediaRecorder === 'undefined' || typeof MediaRecorder.isTypeSupported !== 'function') return undefined;
  return MIME_CANDIDATES.find((m) => MediaRecorder.isTypeSupported(m));
}

/**
 * Records an optional voice memo with MediaRecorder: a live input level meter while recording,
 * then playback so the cook hears it before sending; record again or delete.
 */
export function VoiceMemoRecorder({ memo, onChange }: { memo: Blob | null; onChange: (memo: Blob | null) => void }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<'denied' | 'unsupported' | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const stopRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!memo) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(memo);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [memo]);

  useEffect(() => () => stopRef.current?.(), []);

  const start = async () => {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      setError('unsupported');
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch {
      setError('denied');
      return;
    }
    const mimeType = pickMimeType();
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };

    // Level meter: RMS of the microphone signal, about 30 times a second.
    const AudioCtx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    const audio = AudioCtx ? new AudioCtx() : null;
    let frame = 0;
    if (audio) {
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const tick = () => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        const rms = Math.sqrt(sum / samples.length);
        // dBFS from -60 (silence) to 0 mapped onto 0–100.
        setLevel(Math.max(0, Math.min(100, ((20 * Math.log10(rms || 1e-6) + 60) / 60) * 100)));
        frame = requestAnimationFrame(tick);
      };
      tick();
    }
    const startedAt = performance.now();
    const timer = setInterval(() => {
      const s = (performance.now() - startedAt) / 1000;
      setElapsed(s);
      if (s >= MAX_MEMO_SECONDS) stop();
    }, 250);

    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      cancelAnimationFrame(frame);
      if (recorder.state !== 'inactive') recorder.stop();
      stream.getTracks().forEach((track) => track.stop());
      void audio?.close();
      setRecording(false);
      setLevel(0);
      stopRef.current = null;
    };
    recorder.onstop = () => {
      const blob = new Blob(chunks, { type: (recorder.mimeType || mimeType || 'audio/webm').split(';')[0] });
      if (blob.size) onChange(blob);
    };
    stopRef.current = stop;
    recorder.start(1000);
    setElapsed(0);
    setRecording(true);
  };

  return (
    <Box data-testid="voice-memo">
      {error ? (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="memo-error">
          {error === 'denied' ? t('newSession.micDenied') : t('newSession.micUnsupported')}
        </Alert>
      ) : null}
      {recording ? (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="body2" color="error" role="status" data-testid="memo-recording">
            ● {t('newSession.recording', { time: formatDuration(elapsed) })}
          </Typography>
          <LinearProgress variant="determinate" value={level} aria-label={t('newSession.level')} data-testid="memo-level" data-level={Math.round(level)} sx={{ height: 12, borderRadius: 6, '& .MuiLinearProgress-bar': { transition: 'none' } }} />
          <Button variant="contained" color="error" startIcon={<StopIcon />} onClick={() => stopRef.current?.()} data-testid="memo-stop">
            {t('newSession.stop')}
          </Button>
        </Box>
      ) : memo && url ? (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <audio controls src={url} data-testid="memo-playback" style={{ width: '100%' }} />
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button startIcon={<MicIcon />} onClick={() => void start()} data-testid="memo-rerecord">
              {t('newSession.rerecord')}
            </Button>
            <Button color="inherit" startIcon={<DeleteIcon />} onClick={() => onChange(null)} data-testid="memo-delete">
              {t('newSession.deleteMemo')}
            </Button>
          </Box>
        </Box>
      ) : (
        <Button variant="outlined" startIcon={<MicIcon />} onClick={() => void start()} data-testid="memo-record">
          {t('newSession.record')}
        </Button>
      )}
    </Box>
  );
}
