import { z } from 'zod';
import { FINDING_CODES, type FindingCode } from '../../domain/findings';
import type { Bilingual } from '../../models/principle';
import { splitInstructions } from './script-instructions';

/**
 * What a chef-coach's "send back" instructions ask the offline drafter to do, as typed
 * operations. The drafter has no language model: a sentence becomes an operation only when its
 * words say so for certain; every other sentence is left for a coach to edit by hand.
 */

/** The parts of the script a coach names ("the intro", "診断", "the clip"). */
export const SCRIPT_PARTS = ['intro', 'principle', 'diagnosis', 'part2', 'clip', 'all'] as const;
export type ScriptPart = (typeof SCRIPT_PARTS)[number];

export const sendBackOperationSchema = z.discriminatedUnion('kind', [
  /** Diagnose another finding ("診断を火力不足に", "make the diagnosis about heat"). */
  z.object({ kind: z.literal('diagnosis'), finding: z.enum(FINDING_CODES) }),
  /** Use another clip: the Nth candidate key moment, the next one, or the footage at a time. */
  z.object({
    kind: z.literal('clip'),
    target: z.discriminatedUnion('by', [
      z.object({ by: z.literal('candidate'), rank: z.number().int().min(1).max(10) }),
      z.object({ by: z.literal('next') }),
      // from: the clip starts there ("0:34から"); at: the moment happens there ("the moment at 0:34").
      z.object({ by: z.literal('time'), seconds: z.number().min(0), anchor: z.enum(['from', 'at']) }),
    ]),
  }),
  /** Shorten or lengthen a part; for the clip, by or to a number of seconds when given. */
  z.object({
    kind: z.literal('length'),
    part: z.enum(SCRIPT_PARTS),
    /** set: the clip to `seconds.value` (mode 'to'), whichever way that goes. */
    change: z.enum(['shorter', 'longer', 'set']),
    seconds: z.object({ value: z.number().positive().max(60), mode: z.enum(['by', 'to']) }).optional(),
  }),
  /** Call the cook by name, or not. */
  z.object({ kind: z.literal('name'), use: z.boolean() }),
  /** Drop a line: a Part 2 line by its position or its cue, or the sentence holding a quoted phrase. */
  z.object({
    kind: z.literal('drop_line'),
    target: z.discriminatedUnion('by', [
      z.object({ by: z.literal('position'), index: z.number().int() }), // 0-based in Part 2; -1 = the last
      z.object({ by: z.literal('cue'), cue: z.enum(['sight', 'sound']) }),
      z.object({ by: z.literal('text'), text: z.string().min(1) }),
    ]),
  }),
  /** Lead Part 2 with the sound or with what to see. */
  z.object({ kind: z.literal('emphasis'), cue: z.enum(['sight', 'sound']) }),
  /** Build the script around a principle, named by its title or slug. */
  z.object({ kind: z.literal('focus_principle'), slug: z.string().min(1) }),
  /** Rephrase a quoted phrase. */
  z.object({ kind: z.literal('replace'), from: z.string().min(1), to: z.string() }),
]);
export type SendBackOperation = z.infer<typeof sendBackOperationSchema>;

export interface ParsedInstructions {
  operations: Array<{ op: SendBackOperation; source: string }>;
  /** Sentences no operation was read from: for hand editing. */
  notUnderstood: string[];
}

// ---- vocabulary --------------------------------------------------------------------------------

const SOUND = /(音|サウンド|聞|ジュ|sound|sizzle|listen|hear|audio)/i;
const SIGHT = /(見た目|目で|色|映像|画面|見て|見る|様子|sight|look|visual|colou?r|watch|\bsee\b)/i;
const STRESS = /(強調|注目|重点|中心|メイン|先に|最初|もっと|フォーカス|焦点|emphas|focus|stress|highlight|first|more|lead)/i;
const SHORTER = /(短く|簡潔|短い|長すぎ|長い|コンパクト|手短|削って|縮めて|詰めて|shorter|shorten|concise|brief|too long|trim|tighten|cut (it )?down)/i;
const LONGER = /(長く|詳しく|もっと説明|丁寧に|ふくらませ|膨らませ|足りない|短すぎ|伸ばして|深く|longer|more depth|in depth|lengthen|more detail|expand|elaborate|too short|say more|flesh out|extend)/i;
const NO_NAME = /(名前.{0,8}(呼ばない|呼ばず|なし|不要|使わない|外し|やめ|省|入れない|いらない)|(さん|様)[」』]?\s*[、,]?\s*と?\s*呼ぶ(の|こと)は?(やめ|なし|不要)|\bno names?\b|(don'?t|do not|no|without|stop|avoid|drop|remove|leave out).{0,24}\bnames?\b)/i;
const USE_NAME = /(名前.{0,8}(呼んで|入れて|使って|呼びかけ|で呼)|(use|say|call|address|include).{0,24}\bnames?\b|by (his|her|their) name|by name)/i;
const DIAGNOSIS = /(診断|問題|指摘|課題|原因|diagnos|problem|issue|finding|main point|really about|is about|should be about|make it about)/i;
const CHANGE = /(に(して|変更|変えて|直して|修正)|にすべき|に差し替え|change|switch|make|should be|instead|rather|actually|really)/i;
const DROP = /(削除|消して|消す|外して|取って|いらない|不要|なくして|省いて|抜いて|削って|カットして|\bdrop\b|\bskip\b|remove|delete|\bcut\b|get rid of|leave out|lose the)/i;
const LINE_WORD = /(行|セリフ|台詞|文|一言|line|sentence)/i;
const CLIP = /(クリップ|場面|シーン|瞬間|候補|映像|部分を使|clip|moment|scene|candidate|footage|shot)/i;
const CANDIDATE = /(候補|candidate|moment|場面|シーン)/i;
const NEXT = /(次の|別の|他の|ほかの|もう一つの|\bnext\b|another|\bother\b|different)/i;

/** Words a coach uses for each finding (checked in this order: the narrower first). */
const FINDING_WORDS: Array<{ code: FindingCode; re: RegExp }> = [
  { code: 'scorch_risk', re: /(焦げ|こげ|scorch|burn)/i },
  { code: 'moved_too_much', re: /(動かしすぎ|動かし過ぎ|触りすぎ|触り過ぎ|混ぜすぎ|混ぜ過ぎ|いじりすぎ|moved? (it )?too (much|often)|moving .{0,20}too (much|often)|stirr(ed|ing) too much|too much stirring|over-?stir|fiddl)/i },
  { code: 'not_moving', re: /(動かさな|動きが止ま|手が止ま|混ぜてな|混ぜていな|混ぜ不足|混ぜが足り|あおり不足|not moving|didn'?t (stir|move|toss)|not (stirring|tossing)|stir more|keep (it )?moving|movement|stirring)/i },
  { code: 'heat_dropped', re: /(温度が下が|火力が落ち|入れすぎ|入れ過ぎ|一度に|一気に入れ|heat dropp|drop in heat|temperature drop|overcrowd|too much at once|crowd)/i },
  { code: 'too_long_on_heat', re: /(加熱しすぎ|加熱し過ぎ|火を通しすぎ|火を通し過ぎ|炒めすぎ|焼きすぎ|overcook|too long on the heat|cooked (it )?too long|over-?done)/i },
  { code: 'too_short', re: /(加熱不足|加熱時間が短|火の通りが足り|火が通って(い)?な|生焼け|undercook|under-?done|not cooked (long )?enough|too short a cook|raw)/i },
  { code: 'pan_not_hot', re: /(予熱|鍋が(十分に)?(熱く|温ま)|鍋の温度|油の温度|フライパンが(熱く|温ま)|preheat|pan (was |wasn'?t |is |isn'?t )?(not )?hot|cold pan|pan temperature|oil temperature|hot enough)/i },
  { code: 'heat_too_low', re: /(火力不足|火力が(弱|足り)|火が弱|弱火|火加減|火力|low heat|heat (was |is )?too low|not enough heat|more heat|weak heat|\bheat\b)/i },
];

// Part 2 first: "the commentary over the clip" is about the lines, not the clip.
const PARTS: Array<{ part: Exclude<ScriptPart, 'all'>; re: RegExp }> = [
  { part: 'part2', re: /(パート2|パート２|後半|解説|実況|part ?2|commentary|the lines over|narration over)/i },
  { part: 'clip', re: /(クリップ|映像の尺|clip|footage)/i },
  { part: 'diagnosis', re: /(診断|問題点|指摘|diagnos|problem)/i },
  { part: 'principle', re: /(原則|基本|ポイント説明|principle|core rule)/i },
  { part: 'intro', re: /(導入|イントロ|冒頭|挨拶|オープニング|intro|opening|greeting)/i },
];
// "Make it sound friendlier" is about the tone, not the sound.
const TONE_SOUND = /\bsounds? (more|less|like|too|a bit|warmer|friendlier|kinder|nicer)\b/gi;
// "クリップを10秒に", "a 10-second clip", "clip to 10 s": the clip's length, not a time in the video.
const CLIP_LENGTH = /(?:クリップ|clip)[^\d\s]{0,3}\s*(\d{1,2})\s*(?:秒|s\b|sec|seconds?)\s*(?:に|まで|くらいに)|(\d{1,2})[- ]second clip|clip (?:to|down to|up to) (\d{1,2})\s*(?:s\b|sec|seconds?)/i;

const KANJI_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6 };

/** "0:34", "34秒", "34 s", "at 34 seconds" → seconds. */
function readTime(s: string): { seconds: number; anchor: 'from' | 'at' } | null {
  const clock = /(\d{1,2})[:：](\d{2})(?:\.(\d))?/.exec(s);
  const plain = clock ? null : /(\d{1,3}(?:\.\d)?)\s*(?:秒|s\b|sec|seconds?)\s*(から|の|あたり|付近|目|地点)?/i.exec(s);
  const m = clock ?? plain;
  if (!m) return null;
  const seconds = clock ? Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3] ?? 0) / 10 : Number(m[1]);
  const rest = s.slice(m.index + m[0].length);
  const before = s.slice(0, m.index);
  const from = /^\s*(から|〜|~|以降)/.test(rest) || /(from|starting at|start(ing)? at|begin(ning)? at)\s*$/i.test(before);
  return { seconds, anchor: from ? 'from' : 'at' };
}

/** "2番目", "二つ目", "候補2", "second", "#2" → 2. */
function readOrdinal(s: string): number | null {
  const m =
    /(\d)\s*(?:番目|つ目|個目|位|行目|st|nd|rd|th)/i.exec(s) ??
    /([一二三四五六])\s*(?:番目|つ目|個目|位|行目)/.exec(s) ??
    /(?:候補|candidate|line|#)\s*(\d)/i.exec(s) ??
    /\b(first|second|third|fourth|fifth|sixth)\b/i.exec(s);
  if (!m) return null;
  const token = (m[1] as string).toLowerCase();
  return KANJI_NUMBERS[token] ?? ORDINALS[token] ?? Number(token);
}

function readSeconds(s: string): { value: number; mode: 'by' | 'to' } | undefined {
  const m = /(\d{1,2}(?:\.\d)?)\s*(?:秒|s\b|sec|seconds?)/i.exec(s);
  if (!m) return undefined;
  const after = s.slice(m.index + m[0].length);
  const before = s.slice(0, m.index);
  const to = /^\s*(に|まで|くらいに|程度に)/.test(after) || /\bto\s*$/i.test(before);
  return { value: Number(m[1]), mode: to ? 'to' : 'by' };
}

// Straight single quotes are left out: they are apostrophes far more often ("don't").
const QUOTED = String.raw`[「『"“]([^」』"”]{1,200})[」』"”]`;
const REPLACE_PATTERNS: Array<{ re: RegExp; swap: boolean }> = [
  // "B" instead of "A"
  { re: new RegExp(`${QUOTED}\\s*(?:instead of|rather than)\\s*${QUOTED}`, 'i'), swap: true },
  { re: new RegExp(`replace\\s*${QUOTED}\\s*(?:with|by)\\s*${QUOTED}`, 'i'), swap: false },
  { re: new RegExp(`${QUOTED}\\s*(?:を|は)?\\s*(?:ではなく|じゃなく|でなく)?\\s*(?:→|->|=>|to|を)?\\s*${QUOTED}`, 'i'), swap: false },
];

// ---- the parser --------------------------------------------------------------------------------

/**
 * Reads the instructions sentence by sentence into operations. `principles` are the ones a coach
 * may name (by title or slug) to build the script around.
 */
export function parseSendBack(text: string, principles: Array<{ slug: string; title: Bilingual }>): ParsedInstructions {
  const result: ParsedInstructions = { operations: [], notUnderstood: [] };
  for (const sentence of splitInstructions(text)) {
    // An operation out of range (a 0 s clip, a 7th candidate) is not one the drafter can apply.
    const ops = readSentence(sentence, principles).map((op) => sendBackOperationSchema.safeParse(op));
    if (!ops.length || ops.some((r) => !r.success)) result.notUnderstood.push(sentence);
    for (const r of ops) if (r.success) result.operations.push({ op: r.data, source: sentence });
  }
  return result;
}

function readSentence(sentence: string, principles: Array<{ slug: string; title: Bilingual }>): SendBackOperation[] {
  const ops: SendBackOperation[] = [];
  const replacement = REPLACE_PATTERNS.map(({ re, swap }) => ({ m: re.exec(sentence), swap })).find((r) => r.m);
  if (replacement?.m) {
    const [, a, b] = replacement.m as unknown as [string, string, string];
    const [from, to] = replacement.swap ? [b, a] : [a, b];
    if (from.trim() && from !== to) return [{ kind: 'replace', from, to }];
  }
  const quoted = new RegExp(QUOTED).exec(sentence)?.[1];
  const unquoted = sentence.replace(new RegExp(QUOTED, 'g'), ' ').replace(TONE_SOUND, ' ');

  // The name first: "名前は外して" is about the name, not a line to drop.
  const name = NO_NAME.test(unquoted) ? false : USE_NAME.test(unquoted) ? true : null;
  if (name !== null) ops.push({ kind: 'name', use: name });
  else if (DROP.test(unquoted)) {
    const drop = readDrop(unquoted, quoted);
    if (drop) return [drop];
  }

  // A finding named as what the diagnosis should be ("診断を火力不足に", "it's really about the heat").
  const finding = namedFinding(sentence.replace(TONE_SOUND, ' '));
  if (finding && (DIAGNOSIS.test(unquoted) || (CHANGE.test(unquoted) && /(の話|について|の問題|about)/i.test(unquoted)))) return [...ops, { kind: 'diagnosis', finding }];

  const clipLength = CLIP_LENGTH.exec(unquoted);
  if (clipLength) return [...ops, { kind: 'length', part: 'clip', change: 'set', seconds: { value: Number(clipLength[1] ?? clipLength[2] ?? clipLength[3]), mode: 'to' } }];
  const time = readTime(unquoted);
  const shorter = SHORTER.test(unquoted);
  const longer = !shorter && LONGER.test(unquoted);
  if (CLIP.test(unquoted) && !shorter && !longer) {
    if (time) return [...ops, { kind: 'clip', target: { by: 'time', seconds: time.seconds, anchor: time.anchor } }];
    const rank = readOrdinal(unquoted);
    if (rank && CANDIDATE.test(unquoted)) return [...ops, { kind: 'clip', target: { by: 'candidate', rank } }];
    if (NEXT.test(unquoted)) return [...ops, { kind: 'clip', target: { by: 'next' } }];
  }

  if (shorter || longer) {
    const part = PARTS.find((p) => p.re.test(unquoted))?.part ?? 'all';
    const seconds = part === 'clip' ? readSeconds(unquoted) : undefined;
    ops.push({ kind: 'length', part, change: shorter ? 'shorter' : 'longer', ...(seconds ? { seconds } : {}) });
  }

  const sound = SOUND.exec(unquoted);
  const sight = SIGHT.exec(unquoted);
  if ((sound || sight) && STRESS.test(unquoted) && !(shorter || longer)) {
    // Both named ("音より見た目"): the cue named with "より"/"rather than"/"not" loses.
    let cue: 'sound' | 'sight' = sound && (!sight || sound.index < sight.index) ? 'sound' : 'sight';
    if (sound && sight && /(より|rather than|instead of|not the|ではなく)/i.test(unquoted)) {
      const first = sound.index < sight.index ? 'sound' : 'sight';
      // 「音より見た目」: the second wins; "the look rather than the sound": the first wins.
      cue = /より|ではなく/.test(unquoted) ? (first === 'sound' ? 'sight' : 'sound') : first;
    }
    ops.push({ kind: 'emphasis', cue });
  }

  const lower = unquoted.toLowerCase();
  const named = principles.find((p) => lower.includes(p.slug.toLowerCase()) || unquoted.includes(p.title.ja) || lower.includes(p.title.en.toLowerCase()));
  if (named) ops.push({ kind: 'focus_principle', slug: named.slug });
  return ops;
}

/**
 * The finding a sentence names; with two named, the one said to be not it loses
 * ("the scorching, not the preheat", 「予熱ではなく焦げ」).
 */
function namedFinding(sentence: string): FindingCode | undefined {
  const named = FINDING_WORDS.map((f) => ({ code: f.code, m: f.re.exec(sentence) }))
    .filter((f): f is { code: FindingCode; m: RegExpExecArray } => f.m !== null)
    .sort((a, b) => a.m.index - b.m.index);
  const denied = (f: { m: RegExpExecArray }) =>
    /(not|n't|rather than|instead of|than)\s+(the\s+|a\s+|about\s+)?$/i.test(sentence.slice(Math.max(0, f.m.index - 20), f.m.index)) ||
    /^\S{0,4}?(ではなく|じゃなく|でなく|より)/.test(sentence.slice(f.m.index + f.m[0].length));
  return (named.find((f) => !denied(f)) ?? named[0])?.code;
}

function readDrop(unquoted: string, quoted: string | undefined): SendBackOperation | null {
  if (quoted) return { kind: 'drop_line', target: { by: 'text', text: quoted } };
  if (!LINE_WORD.test(unquoted)) return null;
  const fromLast = /最後から\s*(\d|[一二三])\s*(番目|つ目|行目)|(second|third|2nd|3rd)[- ](to|from)[- ]last/i.exec(unquoted);
  if (fromLast) {
    const token = (fromLast[1] ?? fromLast[4] ?? '2').toLowerCase();
    return { kind: 'drop_line', target: { by: 'position', index: -(KANJI_NUMBERS[token] ?? ORDINALS[token] ?? (Number.parseInt(token, 10) || 2)) } };
  }
  if (/(最後|last|final)/i.test(unquoted)) return { kind: 'drop_line', target: { by: 'position', index: -1 } };
  const rank = readOrdinal(unquoted);
  if (rank) return { kind: 'drop_line', target: { by: 'position', index: rank - 1 } };
  if (SOUND.test(unquoted)) return { kind: 'drop_line', target: { by: 'cue', cue: 'sound' } };
  if (SIGHT.test(unquoted)) return { kind: 'drop_line', target: { by: 'cue', cue: 'sight' } };
  return null;
}
