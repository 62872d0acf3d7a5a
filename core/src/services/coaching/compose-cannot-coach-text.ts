import type { AnalysisResult } from '../../domain/analysis';
import type { CoachingContent } from './coaching-content';

/**
 * The coaching text when the analyzer could not coach the clip: no diagnosis (nothing about
 * cooking time or heat is claimed), what was and was not visible, and how to film next time.
 * Used for every provider: a model is not asked to coach footage the analyzer could not read.
 */
export function composeCannotCoachText(analysis: AnalysisResult, learnerName: string): CoachingContent {
  const message = analysis.abstain?.message ?? {
    ja: '今回の動画からは、調理の様子を判断できませんでした。コーチが動画を確認します。',
    en: 'We could not judge the cooking from this video. A coach will look at it.',
  };
  const seen = (analysis.abstain?.seen ?? []).slice(0, 3);
  return {
    problem: {
      ja: `${learnerName}さん、${message.ja}${seen.length ? `\n${seen.map((s) => `・${s.ja}`).join('\n')}` : ''}`,
      en: `${learnerName}, ${lowerFirst(message.en)}${seen.length ? `\n${seen.map((s) => `- ${s.en}`).join('\n')}` : ''}`,
    },
    skill: {
      ja: '撮り方：鍋の中がずっと見える動画が、いちばん役に立つアドバイスにつながります。',
      en: 'Filming: a video where the inside of the pan stays visible is what makes useful advice possible.',
    },
    nextSteps: [
      { ja: 'スマホを鍋の真上か斜め上に固定し、鍋全体を画面に入れる', en: 'Fix the phone above the pan (overhead or at an angle) with the whole pan in frame' },
      { ja: '油を入れるところから盛り付けまで、2分以上続けて撮る', en: 'Film from the oil going in to plating, at least 2 minutes in one take' },
      { ja: '音声をオンにし、手や物でレンズをふさがない', en: 'Keep the sound on, and keep hands and utensils off the lens' },
    ],
    successSigns: [{ ja: '見た目：動画のどの場面でも鍋の中が見えている', en: 'Sight: the inside of the pan is visible throughout the video' }],
    principleSlug: null,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
