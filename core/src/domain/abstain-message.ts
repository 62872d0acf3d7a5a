import type { AbstainReason } from './analysis';

const FILMING_TIP = {
  ja: '次回は、スマホを鍋の真上か斜め上に固定し、鍋全体が画面に入るようにして、油を入れるところから盛り付けまで（2分以上）音声つきで撮ってください。',
  en: 'Next time, fix the phone above the pan (overhead or at an angle) with the whole pan in frame, and film with sound from the oil going in to plating (at least 2 minutes).',
};

/** The message for the cook when the analyzer cannot coach: what happened, and how to film next time. */
export function abstainMessage(reason: AbstainReason, durationSec: number): { ja: string; en: string } {
  const head: Record<AbstainReason, { ja: string; en: string }> = {
    too_short: {
      ja: `動画が ${durationSec.toFixed(1)} 秒と短すぎて、調理の様子を判断できませんでした。`,
      en: `The clip is only ${durationSec.toFixed(1)} s long: too short to judge the cooking.`,
    },
    cannot_see: {
      ja: '動画のほとんどでレンズが覆われているか暗すぎて、鍋の中が見えませんでした。',
      en: 'For most of the clip the lens was covered or the picture too dark to see into the pan.',
    },
    not_cooking: {
      ja: 'この動画では、鍋で調理している様子も焼ける音も確認できませんでした。',
      en: 'In this clip we could not see a pan being worked or hear anything frying.',
    },
    no_pan_visible: {
      ja: '焼ける音は聞こえましたが、鍋が画面に映っていませんでした。',
      en: 'We could hear frying, but the pan was not in the picture.',
    },
    partial_cook: {
      ja: '動画に調理の始まりから終わりまでが映っていないため、加熱時間を判断できませんでした。',
      en: 'The video does not show the cook from start to finish, so the cooking time cannot be judged.',
    },
    unreadable: { ja: '動画を読み取れませんでした。', en: 'The video could not be read.' },
  };
  return {
    ja: `${head[reason].ja}そのため今回は自動のアドバイスは控え、コーチが動画を確認します。${FILMING_TIP.ja}`,
    en: `${head[reason].en} So there is no automatic advice this time; a coach will look at your video. ${FILMING_TIP.en}`,
  };
}
