import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../domain/analysis';
import { abstainMessage } from '../../domain/abstain-message';
import { coachingContentSchema, renderCoachingBody } from './coaching-content';
import { composeCoachingText } from './compose-coaching-text';

const notCooking: AnalysisResult = {
  coachable: false,
  abstain: {
    reason: 'not_cooking',
    message: abstainMessage('not_cooking', 30.7),
    seen: [
      { ja: '動画の長さ 30.7 秒、そのうち映像が見えていたのは 30.7 秒。', en: 'The clip is 30.7 s long; the scene was visible for 30.7 s.', start: 0, end: 30.7, signal: 'covered', value: 1 },
      { ja: '焼ける音（パチパチという音）は聞こえませんでした。', en: 'No frying sizzle (crackle) was heard.', start: 0, end: 30.7, signal: 'frying', value: 0 },
    ],
  },
  events: [],
  keyMoments: [],
  diagnosis: null,
  findings: [],
};

describe('coaching text when the analyzer cannot coach', () => {
  it('says what was and was not seen and how to film next time, with no diagnosis', () => {
    const content = composeCoachingText({ analysis: notCooking, principles: [], past: [], learnerName: 'ゆい' });
    expect(coachingContentSchema.parse(content).principleSlug).toBeNull();
    expect(content.problem.ja).toMatch(/^ゆいさん、この動画では/);
    expect(content.problem.ja).toMatch(/焼ける音（パチパチという音）は聞こえませんでした/);
    expect(content.problem.en).toMatch(/a coach will look at your video/);
    const next = content.nextSteps.map((s) => s.ja).join('\n');
    expect(next).toMatch(/鍋全体/);
    expect(next).toMatch(/2分以上/);
    const body = renderCoachingBody({ date: new Date('2026-12-06T03:00:00Z'), attemptNumber: 2, dish: { ja: 'チャーハン', en: 'Fried rice' } }, content, 'en');
    expect(body).toMatch(/whole pan in frame/);
    // Nothing about heat or cooking time is claimed.
    expect(body).not.toMatch(/not hot enough|cooked too briefly|加熱時間が短/);
  });

  it('a too-short clip gets no cooking-time diagnosis', () => {
    const short: AnalysisResult = { ...notCooking, abstain: { reason: 'too_short', message: abstainMessage('too_short', 1.0) } };
    const content = composeCoachingText({ analysis: short, principles: [], past: [], learnerName: 'Yui' });
    expect(content.problem.en).toMatch(/only 1\.0 s long/);
    expect(content.problem.en).not.toMatch(/cooked too briefly|dish needs/);
  });
});
