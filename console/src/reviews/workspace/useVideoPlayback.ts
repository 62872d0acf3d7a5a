import { useCallback, useEffect, useRef, useState } from 'react';

/** Frame step for , and . (the proxy is 30 fps; the spec's fps too). */
export const FRAME_SEC = 1 / 30;
const SHUTTLE_RATES = [1, 2, 4, 8];

/**
 * Transport for the cook's video: play/pause, seeking, frame steps and a J/K/L shuttle.
 * Browsers cannot play backwards, so reverse shuttle seeks on each animation frame.
 */
export const useVideoPlayback = () => {
  // A callback ref: the <video> appears only once the item has loaded, and listeners must follow it.
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const ref = useCallback((el: HTMLVideoElement | null) => {
    videoRef.current = el;
    setElement(el);
  }, []);
  const [currentTime, setCurrentTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(0);
  const reverse = useRef<{ rate: number; last: number; frame: number } | null>(null);

  const stopReverse = useCallback(() => {
    if (reverse.current) cancelAnimationFrame(reverse.current.frame);
    reverse.current = null;
  }, []);

  useEffect(() => {
    const video = element;
    if (!video) return undefined;
    setCurrentTime(video.currentTime);
    let frame = 0;
    const tick = () => {
      setCurrentTime(video.currentTime);
      if (!video.paused) frame = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      setPlaying(true);
      frame = requestAnimationFrame(tick);
    };
    const onPause = () => {
      setPlaying(false);
      setCurrentTime(video.currentTime);
      if (!reverse.current) setRate(0);
    };
    const onSeeked = () => setCurrentTime(video.currentTime);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onPause);
    video.addEventListener('seeked', onSeeked);
    video.addEventListener('timeupdate', onSeeked);
    return () => {
      cancelAnimationFrame(frame);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('seeked', onSeeked);
      video.removeEventListener('timeupdate', onSeeked);
    };
  }, [element]);

  useEffect(() => stopReverse, [stopReverse]);

  const duration = () => {
    const d = videoRef.current?.duration;
    return d !== undefined && Number.isFinite(d) ? d : 0;
  };

  const seek = useCallback(
    (t: number) => {
      const video = videoRef.current;
      if (!video) return;
      const end = Number.isFinite(video.duration) ? video.duration : t;
      video.currentTime = Math.min(Math.max(0, t), end);
      setCurrentTime(video.currentTime);
    },
    [videoRef],
  );

  const pause = useCallback(() => {
    stopReverse();
    videoRef.current?.pause();
    setRate(0);
  }, [stopReverse, videoRef]);

  const play = useCallback(
    (speed = 1) => {
      const video = videoRef.current;
      if (!video) return;
      stopReverse();
      video.playbackRate = speed;
      setRate(speed);
      void video.play().catch(() => undefined);
    },
    [stopReverse, videoRef],
  );

  const toggle = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    if (video.paused && !reverse.current) play(1);
    else pause();
  }, [pause, play, videoRef]);

  const step = useCallback(
    (frames: number) => {
      pause();
      const video = videoRef.current;
      if (video) seek(video.currentTime + frames * FRAME_SEC);
    },
    [pause, seek, videoRef],
  );

  /** L: forward, faster on each press. J: backward likewise. K: stop. */
  const shuttle = useCallback(
    (direction: -1 | 0 | 1) => {
      const video = videoRef.current;
      if (!video) return;
      if (direction === 0) return pause();
      const current = rate * (reverse.current ? -1 : 1);
      const sameWay = Math.sign(current) === direction;
      const next = sameWay ? (SHUTTLE_RATES[Math.min(SHUTTLE_RATES.indexOf(Math.abs(rate)) + 1, SHUTTLE_RATES.length - 1)] ?? 1) : 1;
      if (direction === 1) return play(next);
      video.pause();
      stopReverse();
      setRate(next);
      const state = { rate: next, last: performance.now(), frame: 0 };
      reverse.current = state;
      const tick = (now: number) => {
        if (reverse.current !== state) return;
        const t = video.currentTime - ((now - state.last) / 1000) * state.rate;
        state.last = now;
        video.currentTime = Math.max(0, t);
        setCurrentTime(video.currentTime);
        if (t <= 0) return pause();
        state.frame = requestAnimationFrame(tick);
      };
      state.frame = requestAnimationFrame(tick);
    },
    [pause, play, rate, stopReverse, videoRef],
  );

  /** The playhead right now (the state lags a seek by one event). */
  const time = useCallback(() => videoRef.current?.currentTime ?? 0, []);

  return { ref, time, currentTime, playing: playing || reverse.current !== null, rate: reverse.current ? -rate : rate, seek, play, pause, toggle, step, shuttle, duration };
};
