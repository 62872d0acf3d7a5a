import type { FindingCode } from '../../domain/findings';

/**
 * The cook's own words (note, voice-memo transcript; Japanese and English) as evidence: what they
 * suspect went wrong. The analyzer checks each suspicion against the footage; it never decides alone.
 */
const SUSPICIONS: Array<{ pattern: RegExp; codes: FindingCode[]; about: { ja: string; en: string } }> = [
  {
    pattern: /火が弱|火力が(弱|足り|たり)|弱火すぎ|温度が低|鍋が(十分に)?(熱く|温まって|あたたまって)(い)?(なかった|ない)|熱しきれ|not hot|wasn'?t hot|isn'?t hot|too cold|cold pan|heat was (too )?low|low heat|not enough heat/i,
    codes: ['pan_not_hot', 'heat_too_low'],
    about: { ja: '火（鍋の熱さ）が足りなかった', en: 'the pan was not hot enough' },
  },
  {
    pattern: /べちゃ|ベチャ|べたべた|ベタベタ|水っぽ|soggy|mushy|watery|sticky/i,
    codes: ['pan_not_hot', 'heat_too_low', 'heat_dropped'],
    about: { ja: '水っぽく・べちゃっとなった', en: 'it came out soggy' },
  },
  {
    pattern: /焦げ|こげ|コゲ|焦が|burn|burnt|scorch/i,
    codes: ['scorch_risk', 'too_long_on_heat', 'not_moving'],
    about: { ja: '焦げた', en: 'it burnt' },
  },
  {
    pattern: /生焼け|火が通って(い)?ない|半生|raw|undercook/i,
    codes: ['too_short', 'heat_too_low'],
    about: { ja: '火が通っていなかった', en: 'it was undercooked' },
  },
  { pattern: /固|硬|パサ|ぱさ|dry|tough|rubbery/i, codes: ['too_long_on_heat'], about: { ja: '固く・パサパサになった', en: 'it came out dry or tough' } },
  {
    pattern: /色が(つか|付か)|白っぽ|焼き色が(ない|薄|つかない)|pale|no colou?r|didn'?t brown/i,
    codes: ['moved_too_much', 'pan_not_hot', 'heat_too_low'],
    about: { ja: '焼き色がつかなかった', en: 'it did not brown' },
  },
  { pattern: /くっつ|こびりつ|張り付|stuck|stick/i, codes: ['pan_not_hot'], about: { ja: '鍋にくっついた', en: 'it stuck to the pan' } },
  {
    pattern: /混ぜ(すぎ|過ぎ)|触り(すぎ|過ぎ)|stirred too much|moved it too much|kept stirring/i,
    codes: ['moved_too_much'],
    about: { ja: '触りすぎた', en: 'it was moved too much' },
  },
  {
    pattern: /混ぜ(なかった|られなかった|足り)|放置|didn'?t stir|forgot to stir|left it/i,
    codes: ['not_moving', 'scorch_risk'],
    about: { ja: 'あまり混ぜなかった', en: 'it was not stirred enough' },
  },
];

export interface Suspicion {
  codes: FindingCode[];
  about: { ja: string; en: string };
  /** The cook's own words that say it (trimmed), and where they came from. */
  quote: string;
  source: 'note' | 'memo';
}

export function readCookWords(note: string | null, transcript: string | null): Suspicion[] {
  const out: Suspicion[] = [];
  for (const [text, source] of [
    [note, 'note'],
    [transcript, 'memo'],
  ] as const) {
    if (!text) continue;
    for (const s of SUSPICIONS) {
      const m = s.pattern.exec(text);
      if (!m) continue;
      if (out.some((o) => o.about.en === s.about.en)) continue;
      out.push({ codes: s.codes, about: s.about, quote: quoteAround(text, m.index, m[0].length), source });
    }
  }
  return out;
}

/** The sentence (or ~40 characters) around the match: enough for the coach to see the cook's words. */
function quoteAround(text: string, index: number, length: number): string {
  const before = text.slice(0, index);
  const after = text.slice(index + length);
  const start = Math.max(before.search(/[^。．.!?！？\n]*$/), index - 40, 0);
  const endRel = after.search(/[。．.!?！？\n]/);
  const end = index + length + Math.min(endRel < 0 ? after.length : endRel, 40);
  return text.slice(start, end).trim();
}
