import type { DialoguePrinciple, DialogueReply, DialogueSession, Entities, Intent, Lang, ResolvedMoment } from './dialogue-types';
import { formatClock } from './resolve-moment';

/**
 * A short, direct answer from the principle's structured fields, pointing at the cook's own
 * footage when there is a moment to point at. Undefined when the principle does not actually
 * speak to what was asked (an ingredient or tool it never mentions): the caller hands over.
 */
export function composeAnswer(input: {
  lang: Lang;
  intent: Intent;
  entities: Entities;
  principle: DialoguePrinciple;
  session: DialogueSession | null;
  moment: ResolvedMoment | undefined;
  learnerName: string;
  question: string;
}): string | undefined {
  const { lang, principle: p, moment, session } = input;
  const ja = lang === 'ja';
  const signs = p.successSigns;
  const lines: string[] = [];
  const footage = moment ? pointAt(moment, lang) : undefined;
  switch (input.intent) {
    case 'heat':
      lines.push(p.nextAction[lang]);
      if (signs.sound) lines.push((ja ? '目安の音：' : 'Listen for: ') + signs.sound[lang]);
      break;
    case 'timing':
      lines.push(p.nextAction[lang]);
      if (signs.sight ?? signs.sound) lines.push((ja ? '合図：' : 'Your cue: ') + (signs.sight ?? signs.sound)![lang]);
      break;
    case 'technique':
      lines.push(p.nextAction[lang], (ja ? 'うまくいくと：' : 'When it works: ') + (signs.texture ?? signs.sight ?? signs.sound)![lang]);
      break;
    case 'ingredient':
    case 'equipment': {
      const named = input.intent === 'ingredient' ? input.entities.ingredients : input.entities.tools;
      // "use X instead (of Y)": the principle must speak of X itself, not only of Y.
      const substitute = substituteWords(input.question, lang);
      if (substitute && !substitute.some((w) => p.body[lang].toLowerCase().includes(w))) return undefined;
      const sentence = [...(substitute ?? []), ...named.map((e) => e.name[lang])].map((w) => sentenceAbout(p.body[lang], w, lang)).find(Boolean);
      if (!sentence) return undefined;
      lines.push(sentence, (ja ? '次に試すこと：' : 'Next time: ') + p.nextAction[lang]);
      break;
    }
    case 'my_video':
    case 'is_this_right': {
      const diagnosis = session?.analysis?.diagnosis;
      if (!diagnosis) return undefined;
      if (input.intent === 'is_this_right') lines.push(ja ? `動画を見る限り、一つ直すところがあります：${diagnosis.problem.ja}` : `From your video, one thing to fix: ${diagnosis.problem.en}`);
      else lines.push(diagnosis.problem[lang]);
      const evidence = diagnosis.evidence[0]?.[lang];
      if (evidence) lines.push((ja ? '根拠：' : 'What shows it: ') + evidence);
      lines.push((ja ? '次に試すこと：' : 'Next time: ') + p.nextAction[lang]);
      break;
    }
    case 'other':
      return undefined;
  }
  // The food science only when the cook asked why: short and direct otherwise.
  if (/なぜ|どうして|何故|理由|\bwhy\b/i.test(input.question)) lines.push((ja ? '理由：' : 'Why: ') + p.why[lang]);
  if (footage) lines.push(footage);
  lines.push(ja ? `（原則「${p.title.ja}」より）` : `(From the principle "${p.title.en}".)`);
  return lines.join('\n');
}

function pointAt(m: ResolvedMoment, lang: Lang): string {
  const at = formatClock(m.seconds);
  const rise = m.sizzleRiseDb;
  if (lang === 'ja') {
    const sound = rise === undefined ? '' : rise < 6 ? `、焼ける音は ${rise} dB しか上がっていません` : `、焼ける音は ${rise} dB 上がっています`;
    return `あなたの動画の ${at}（${m.label.ja}）を見てください${sound}。`;
  }
  const sound = rise === undefined ? '' : rise < 6 ? `: the sizzle rose only ${rise} dB` : `: the sizzle rose ${rise} dB`;
  return `Look at ${at} in your video (${m.label.en.replace(/\.$/, '')})${sound}.`;
}

/** The first sentence of the principle's text that names the ingredient or tool. */
function sentenceAbout(body: string, name: string, lang: Lang): string | undefined {
  const plain = body.replace(/^#+.*$/gm, '').replace(/\s+/g, ' ');
  const sentences = plain.split(lang === 'ja' ? /(?<=。)/ : /(?<=[.!?])\s+/);
  return sentences.map((s) => s.trim()).find((s) => s.toLowerCase().includes(name.toLowerCase()));
}

export function handOverText(lang: Lang, reason: NonNullable<DialogueReply['handOverReason']>, learnerName: string): string {
  const ja = lang === 'ja';
  const why: Record<typeof reason, [string, string]> = {
    safety: ['食品の安全や健康に関わる質問なので、AI からはお答えしません。', 'This is about food safety or health, so I won\'t answer it myself.'],
    asked_for_coach: ['シェフコーチにおつなぎします。', 'I\'ll pass this to your chef-coach.'],
    no_principle: ['この質問には、原則集からはっきりとはお答えできません。', 'I can\'t answer this one reliably from our principles.'],
    no_session: ['どのセッションの話か分からないため、動画についてはお答えできません。', 'I can\'t tell which of your sessions this is about, so I can\'t answer about the video.'],
    moment_not_found: ['その場面をあなたの動画の中で見つけられませんでした。', 'I couldn\'t find that moment in your video.'],
    off_topic: ['この質問には、私からはお答えできません。', 'I can\'t answer this one myself.'],
  };
  return ja
    ? `${learnerName}さん、${why[reason][0]}質問をシェフコーチに渡しました。コーチが答えると、このスレッドに届きます。`
    : `${learnerName}, ${lowerFirst(why[reason][1])} I've passed your question to a chef-coach; a coach will answer here in this thread.`;
}

function lowerFirst(s: string): string {
  return /^I\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

const STOP = new Set(['the', 'a', 'an', 'some', 'use', 'of', 'it', 'making', 'make', 'my', 'with']);

/** The words naming what the cook wants to use instead ("quinoa" in "use quinoa instead of rice"); undefined when not a substitution. */
export function substituteWords(question: string, lang: Lang): string[] | undefined {
  const text = question.normalize('NFKC').toLowerCase();
  if (lang === 'ja') {
    const m = /([\u30a0-\u30ff\u3400-\u9fff]+)(?:を|で)?(?:代わりに|代用)|(?:代わりに|かわりに)([\u30a0-\u30ff\u3400-\u9fff]+)/.exec(text);
    const w = m?.[1] ?? m?.[2];
    return w ? [w] : undefined;
  }
  const m = /\b(?:use|try|put in|add)\s+([\w -]+?)\s+instead(?:\s+of\s+([\w -]+))?/.exec(text) ?? /\binstead of\s+[\w -]+?,?\s+(?:can i|could i|should i)\s+(?:use|add)\s+([\w -]+)/.exec(text);
  if (!m?.[1]) return undefined;
  const replaced = new Set((m[2] ?? '').split(/\W+/));
  const words = m[1].split(/\W+/).filter((w) => w.length > 2 && !STOP.has(w) && !replaced.has(w));
  return words.length ? words : undefined;
}
