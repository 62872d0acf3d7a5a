import { MediaResolution } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { GEMINI_INPUT_TOKEN_LIMIT } from './gemini-models';
import { PROMPT_RESERVE_TOKENS, VideoTooLongError, estimateVideoTokens, planVideoRequest } from './gemini-video-plan';

describe('planVideoRequest', () => {
  it('keeps the default resolution at 1 fps for a 5-minute video', () => {
    const plan = planVideoRequest(5 * 60);
    expect(plan.mediaResolution).toBeUndefined();
    expect(plan.fps).toBe(1);
    expect(plan.videoTokens).toBe(300 * 300);
  });

  it('uses low resolution past ~11 minutes: a 30-minute video costs a third', () => {
    const plan = planVideoRequest(30 * 60);
    expect(plan.mediaResolution).toBe(MediaResolution.MEDIA_RESOLUTION_LOW);
    expect(plan.videoTokens).toBe(1800 * 100);
  });

  it('switches to low resolution so a 60-minute video fits the input limit', () => {
    expect(estimateVideoTokens(3600, 1, 'default')).toBeGreaterThan(GEMINI_INPUT_TOKEN_LIMIT - PROMPT_RESERVE_TOKENS);
    const plan = planVideoRequest(60 * 60);
    expect(plan.mediaResolution).toBe(MediaResolution.MEDIA_RESOLUTION_LOW);
    expect(plan.fps).toBe(1);
    expect(plan.videoTokens).toBeLessThan(GEMINI_INPUT_TOKEN_LIMIT - PROMPT_RESERVE_TOKENS);
  });

  it('lowers the frame rate past what low resolution alone can hold, and refuses what cannot fit', () => {
    const plan = planVideoRequest(4 * 3600);
    expect(plan.mediaResolution).toBe(MediaResolution.MEDIA_RESOLUTION_LOW);
    expect(plan.fps).toBeLessThan(1);
    expect(plan.fps).toBeGreaterThanOrEqual(0.25);
    expect(plan.videoTokens).toBeLessThanOrEqual(GEMINI_INPUT_TOKEN_LIMIT - PROMPT_RESERVE_TOKENS);
    expect(() => planVideoRequest(10 * 3600)).toThrow(VideoTooLongError);
  });

  it('sizes the timeouts by duration', () => {
    const short = planVideoRequest(60);
    const long = planVideoRequest(3600);
    expect(long.generateTimeoutMs).toBeGreaterThan(short.generateTimeoutMs);
    expect(long.fileActiveTimeoutMs).toBeGreaterThan(short.fileActiveTimeoutMs);
    expect(long.generateTimeoutMs).toBeLessThanOrEqual(900_000);
  });
});
