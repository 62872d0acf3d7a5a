import { describe, expect, it } from 'vitest';
import { AiProviderError } from '@ajimi/core/providers/ai/ai-provider';
import { decideFailure, hold, MAX_HOLD_SECONDS } from './failure-policy';

describe('decideFailure', () => {
  it('dead-letters what retrying cannot fix, with the reason', () => {
    for (const kind of ['rejected', 'config'] as const) {
      const d = decideFailure(new AiProviderError(`Gemini failed with HTTP 400 (${kind})`, kind));
      expect(d).toEqual({ status: 'deadletter', waitSeconds: 0, output: { reason: `Gemini failed with HTTP 400 (${kind})`, kind } });
    }
  });

  it('retries rate limits and outages after the delay the service named', () => {
    expect(decideFailure(new AiProviderError('429', 'rate_limited', 37))).toMatchObject({ status: 'failed', waitSeconds: 37 });
    expect(decideFailure(new AiProviderError('503', 'unavailable', 5))).toMatchObject({ status: 'failed', waitSeconds: 5 });
    expect(decideFailure(new AiProviderError('503', 'unavailable'))).toMatchObject({ status: 'failed', waitSeconds: 0 });
    expect(decideFailure(new AiProviderError('429', 'rate_limited', 86_400)).waitSeconds).toBe(MAX_HOLD_SECONDS);
  });

  it('retries output that failed validation: the next attempt samples a new answer', () => {
    expect(decideFailure(new AiProviderError('invalid twice', 'invalid_output'))).toMatchObject({ status: 'failed', waitSeconds: 0 });
  });

  it('dead-letters an unclassified error that says it cannot be retried', () => {
    expect(decideFailure(Object.assign(new Error('bad payload'), { retryable: false }))).toMatchObject({ status: 'deadletter' });
  });

  it('retries plain errors with the queue backoff', () => {
    expect(decideFailure(new Error('ECONNRESET'))).toEqual({ status: 'failed', waitSeconds: 0, output: { reason: 'ECONNRESET' } });
    expect(decideFailure('weird')).toMatchObject({ status: 'failed', output: { reason: 'weird' } });
  });

  it('stops holding when the job is aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await hold(60, controller.signal);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
