import type { Intent } from './dialogue-types';

type Rule = [RegExp, number];

/**
 * Weighted cue patterns per intent, Japanese and English. Verb stems rather than whole words so
 * conjugations match (焦げ → 焦げた/焦げる). A question can hit several intents; the highest total wins,
 * ties go to the earlier intent in CUES (the more specific question first).
 */
const CUES: Array<[Intent, Rule[]]> = [
  [
    'my_video',
    [
      [/\b\d{1,2}:\d{2}\b|\d+\s*分\s*\d+\s*秒|\d+\s*秒(の|目|あたり|ごろ|付近|のところ)/, 3],
      [/動画|映像|ビデオ|私の(料理|調理)|何が(起き|起こ)|どうなって/, 2],
      [/\b(my|the) (video|clip|footage)\b|what happened|in the video|\bat \d+\s*s(ec|econds)?\b/i, 2],
    ],
  ],
  [
    'is_this_right',
    [
      [/合って(い|ま)|正し(い|かった)|これで(いい|良い|大丈夫)|大丈夫(です|でした)?か|うまく(でき|いっ)|よかった(です)?か|良かった(です)?か|成功|失敗(です|でした)?か|ちゃんとでき/, 3],
      [/\b(is|was) (this|that|it|mine) (right|correct|ok|okay|good|fine)\b|\bdid i (do|get) (it|this|that) right\b|\bdid i (mess|screw)|\b(is|was) my [\w -]{1,30}? (right|correct|ok|okay|good|fine|all right)\b|\bgood enough\b|\bon the right track\b/i, 3],
    ],
  ],
  [
    'ingredient',
    [
      [/代わり|代用|かわりに|使っても|入れても|なしで|抜いても|分量|何グラム|どのくらい入れ|どれくらい入れ|常温|何個|量は|どのくらいの量/, 3],
      [/\binstead\b|\bsubstitut|\breplace\b|\bswap\b|\bwithout (the )?\w+|\bhow much\b|\bhow many\b|\bamount\b/i, 3],
      [/冷(や|たい)ご飯|冷ご飯|炊きたて|バター|砂糖|塩|醤油|しょうゆ|片栗粉|小麦粉|だし|味噌|みそ/, 1],
      [/\b(butter|sugar|salt|soy sauce|flour|starch|dashi|miso|leftover rice|day-old rice|fresh rice)\b/i, 1],
    ],
  ],
  [
    'heat',
    [
      [/火加減|強火|中火|弱火|とろ火|火力|温度|予熱|熱し|熱く|熱さ|焦げ|こげ|煙|冷め|冷え|ぬるい|度で|℃/, 3],
      [/\bheat\b|\bhot(ter)?\b|\btemperature|\bflame|\bburner|\bpreheat|\bsmok(e|ing)|\bburn(t|ed|ing)?\b|\bscorch|\b(high|medium|low)\b|°|\bdegrees\b|\bcool(ed|s)? down/i, 3],
      [/火/, 1],
    ],
  ],
  [
    'timing',
    [
      [/いつ|タイミング|何秒|何分|どのくらい(の時間|待|焼|煮|炒|加熱)|どれくらい(の時間|待|焼|煮|炒|加熱)|早すぎ|遅すぎ|長すぎ|短すぎ|待つ|待って|時間/, 3],
      [/\bwhen (should|do|to|is)\b|\bhow long\b|\btiming\b|\btoo (early|late|long|soon)\b|\bminutes?\b|\bseconds?\b|\bwait\b/i, 3],
    ],
  ],
  [
    'technique',
    [
      [/動か|混ぜ|かき混|返し|ひっくり返|裏返|振る|振っ|あお|巻|押し|押さえ|ほぐ|切り方|並べ|包み|手首|コツ|やり方|どうやって|炒め方|広げ/, 3],
      [/\b(move|moving|stir|stirring|toss|tossing|flip|flipping|roll|rolling|press|pressing|fold|folding|shake|shaking|wrist|technique|spread|break up|arrange|twice|double[- ]fry)\b|\bhow do i\b|\bhow should i\b/i, 3],
    ],
  ],
  [
    'equipment',
    [
      [/フライパン|中華鍋|鍋|フッ素|テフロン|鉄の|蓋|ふた|へら|ヘラ|フライ返し|お玉|おたま|菜箸|トング|コンロ|IH|ガス|オーブン|炊飯器/, 2],
      [/\b(pan|wok|skillet|non-?stick|cast iron|carbon steel|spatula|turner|ladle|lid|pot|tongs|chopsticks|stove|induction|gas|oven|rice cooker)\b/i, 2],
      [/どの(フライパン|鍋|道具)|何を使|使うべき|使った方|使えば|\bwhich (pan|pot|tool)\b|\bshould i use\b|\bdo i need\b|\bwhat (kind of )?(pan|pot|tool)\b/i, 2],
    ],
  ],
];

/** Questions the product must not answer on its own: food safety, health, or a cook asking for a person. */
const SAFETY = /生焼け|食中毒|アレルギー|妊娠|安全|保存|日持ち|消費期限|腐|お腹を壊|\bsafe\b|\bundercooked\b|\braw (chicken|meat|egg)|\ballerg|\bfood poisoning\b|\bpregnan|\bstore it\b|\bleftovers? (last|keep)\b|\bgo(ne)? bad\b/i;
const ASKS_FOR_COACH = /コーチ(に|と)(聞|相談|話|確認)|人間の|シェフに(聞|相談)|\b(talk|speak) to (a|my|the) (coach|chef|human|person)\b|\breal (person|human|chef)\b/i;

export interface IntentDecision {
  intent: Intent;
  scores: Record<Intent, number>;
  safety: boolean;
  asksForCoach: boolean;
}

export function classifyIntent(question: string): IntentDecision {
  const text = question.normalize('NFKC');
  const scores = Object.fromEntries(CUES.map(([intent]) => [intent, 0])) as Record<Intent, number>;
  scores.other = 0;
  for (const [intent, rules] of CUES) for (const [re, w] of rules) if (re.test(text)) scores[intent] += w;
  let intent: Intent = 'other';
  let best = 0;
  for (const [candidate] of CUES) {
    if (scores[candidate] > best) {
      best = scores[candidate];
      intent = candidate;
    }
  }
  return { intent, scores, safety: SAFETY.test(text), asksForCoach: ASKS_FOR_COACH.test(text) };
}
