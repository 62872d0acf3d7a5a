import type { Bilingual } from '../../models/principle';
import { DEFAULT_STYLE, narrationScriptSchema, type NarrationScript, type ScriptStyle } from './narration-script';

/**
 * A chef-coach's "send back" instructions, read by the offline drafter. It has no language model,
 * so it applies only what it can recognise for certain and reports the rest as not applied:
 * - emphasis on the sound or on what to see ("音をもっと強調して", "focus on the sizzle")
 * - shorter lines ("もっと短く", "too long", "concise")
 * - not addressing the cook by name ("名前は呼ばないで", "don't use the name")
 * - focusing on a principle named by its title or slug (its next action becomes the rule)
 * - rephrasing a quoted phrase: 「A」を「B」に, 「A」ではなく「B」で, "A" → "B", replace "A" with "B", "B" instead of "A"
 */

export type InstructionKind = 'emphasis' | 'concise' | 'no_name' | 'focus_principle' | 'replace';

export interface AppliedInstruction {
  kind: InstructionKind;
  /** The sentence of the instructions it came from. */
  source: string;
  detail: string;
}

export interface InstructionReport {
  drafter: 'offline' | 'model';
  applied: AppliedInstruction[];
  /** Sentences the offline drafter could not act on (or a rephrase whose phrase is not in the script). */
  notApplied: string[];
}

export interface ReadInstructions {
  style: ScriptStyle;
  focusPrincipleSlug: string | null;
  replacements: Array<{ from: string; to: string; source: string }>;
  applied: AppliedInstruction[];
  notApplied: string[];
}

const SOUND = /(音|サウンド|聞|ジュ|sound|sizzle|listen|hear|audio)/i;
const SIGHT = /(見た目|目で|色|映像|画面|見て|見る|様子|sight|look|visual|colou?r|watch|see)/i;
const STRESS = /(強調|注目|重点|中心|メイン|先に|最初|もっと|フォーカス|焦点|emphas|focus|stress|highlight|first|more|lead)/i;
const CONCISE = /(短く|簡潔|短い|長すぎ|コンパクト|手短|shorter|concise|brief|too long|trim|tighten)/i;
const NO_NAME = /(名前.{0,8}(呼ばない|呼ばず|なし|不要|使わない|外し|やめ|省)|(don'?t|do not|no|without|stop|avoid).{0,24}\bnames?\b)/i;
// Straight single quotes are left out: they are apostrophes far more often ("don't").
const QUOTED = String.raw`[「『"“]([^」』"”]{1,200})[」』"”]`;
const REPLACE_PATTERNS: Array<{ re: RegExp; swap: boolean }> = [
  // "B" instead of "A"
  { re: new RegExp(`${QUOTED}\\s*(?:instead of|rather than)\\s*${QUOTED}`, 'i'), swap: true },
  { re: new RegExp(`replace\\s*${QUOTED}\\s*(?:with|by)\\s*${QUOTED}`, 'i'), swap: false },
  { re: new RegExp(`${QUOTED}\\s*(?:を|は)?\\s*(?:ではなく|じゃなく|でなく)?\\s*(?:→|->|=>|to|を)?\\s*${QUOTED}`, 'i'), swap: false },
];

/** Sentences of the instructions, as the coach wrote them (quotes kept whole). */
export function splitInstructions(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if ('「『“'.includes(ch)) quoted = true;
    if ('」』”'.includes(ch)) quoted = false;
    if (!quoted && /[。！？!?\n]/.test(ch)) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  // "." ends an English sentence when followed by a space (not "1.5" or "e.g.x").
  return out.flatMap((s) => s.split(/(?<=[a-z)"”])\.\s+/i)).map((s) => s.replace(/\.$/, '').trim()).filter(Boolean);
}

/** Reads the instructions sentence by sentence; principles are the ones the drafter may focus on. */
export function readInstructions(text: string, principles: Array<{ slug: string; title: Bilingual }>): ReadInstructions {
  const style: ScriptStyle = { ...DEFAULT_STYLE };
  const result: ReadInstructions = { style, focusPrincipleSlug: null, replacements: [], applied: [], notApplied: [] };
  for (const sentence of splitInstructions(text)) {
    let understood = false;
    const replacement = REPLACE_PATTERNS.map(({ re, swap }) => ({ m: re.exec(sentence), swap })).find((r) => r.m);
    if (replacement?.m) {
      const [, a, b] = replacement.m as unknown as [string, string, string];
      const [from, to] = replacement.swap ? [b, a] : [a, b];
      if (from.trim() && from !== to) {
        result.replacements.push({ from, to, source: sentence });
        understood = true;
      }
    }
    const unquoted = sentence.replace(new RegExp(QUOTED, 'g'), ' ');
    const sound = SOUND.exec(unquoted);
    const sight = SIGHT.exec(unquoted);
    if ((sound || sight) && STRESS.test(unquoted)) {
      // Both named ("音より見た目"): the cue named with "より"/"rather than"/"not" loses.
      let cue: 'sound' | 'sight' = sound && (!sight || sound.index < sight.index) ? 'sound' : 'sight';
      if (sound && sight && /(より|rather than|instead of|not the|ではなく)/i.test(unquoted)) {
        const first = sound.index < sight.index ? 'sound' : 'sight';
        const japaneseYori = /より/.test(unquoted);
        // 「音より見た目」: the second wins; "the look rather than the sound": the first wins.
        cue = japaneseYori || /ではなく/.test(unquoted) ? (first === 'sound' ? 'sight' : 'sound') : first;
      }
      style.emphasis = cue;
      result.applied.push({ kind: 'emphasis', source: sentence, detail: cue });
      understood = true;
    }
    if (CONCISE.test(unquoted)) {
      style.concise = true;
      result.applied.push({ kind: 'concise', source: sentence, detail: 'first sentences, one pointer before the rule' });
      understood = true;
    }
    if (NO_NAME.test(unquoted)) {
      style.addressByName = false;
      result.applied.push({ kind: 'no_name', source: sentence, detail: 'the cook is not called by name' });
      understood = true;
    }
    const lower = unquoted.toLowerCase();
    const named = principles.find((p) => lower.includes(p.slug.toLowerCase()) || unquoted.includes(p.title.ja) || lower.includes(p.title.en.toLowerCase()));
    if (named) {
      result.focusPrincipleSlug = named.slug;
      result.applied.push({ kind: 'focus_principle', source: sentence, detail: named.slug });
      understood = true;
    }
    if (!understood) result.notApplied.push(sentence);
  }
  return result;
}

/**
 * Rephrases quoted phrases wherever they occur in the script (both languages). A phrase that is
 * nowhere in the script is reported back rather than guessed at.
 */
export function applyReplacements(
  script: NarrationScript,
  replacements: ReadInstructions['replacements'],
): { script: NarrationScript; applied: AppliedInstruction[]; notApplied: string[] } {
  const applied: AppliedInstruction[] = [];
  const notApplied: string[] = [];
  let json = JSON.stringify(script);
  for (const r of replacements) {
    const needle = JSON.stringify(r.from).slice(1, -1);
    if (!json.includes(needle)) {
      notApplied.push(r.source);
      continue;
    }
    json = json.split(needle).join(JSON.stringify(r.to).slice(1, -1));
    applied.push({ kind: 'replace', source: r.source, detail: `${r.from} → ${r.to}` });
  }
  const parsed = narrationScriptSchema.safeParse(JSON.parse(json));
  // A rephrase that breaks the script (e.g. empties a line) is not applied.
  if (!parsed.success) return { script, applied: [], notApplied: [...notApplied, ...applied.map((a) => a.source)] };
  return { script: parsed.data, applied, notApplied };
}
