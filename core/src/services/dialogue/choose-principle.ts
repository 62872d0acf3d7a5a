import type { DialoguePrinciple, DialogueSession, Entities, Intent, Lang } from './dialogue-types';

/** Findings each intent is about: a principle addressing one of them speaks to the question. */
const INTENT_FINDINGS: Partial<Record<Intent, string[]>> = {
  heat: ['pan_not_hot', 'heat_too_low', 'heat_dropped', 'scorch_risk'],
  timing: ['too_long_on_heat', 'too_short', 'heat_dropped'],
  technique: ['not_moving', 'moved_too_much'],
};

/** Below this the knowledge base has nothing to say about the question. */
export const MIN_PRINCIPLE_SCORE = 2;

export interface PrincipleChoice {
  principle: DialoguePrinciple;
  score: number;
}

/**
 * The principle that best answers the question: for the dish in question, addressing what the
 * intent is about (and this session's diagnosis), sharing words with the question, and ranked by
 * the embedding search when it ran. Undefined when none scores MIN_PRINCIPLE_SCORE.
 */
export function choosePrinciple(input: {
  question: string;
  lang: Lang;
  intent: Intent;
  entities: Entities;
  principles: DialoguePrinciple[];
  session: DialogueSession | null;
  retrievedSlugs?: string[] | undefined;
}): PrincipleChoice | undefined {
  // The session's dish first: "ご飯" names both an ingredient and the dish "rice".
  const dishSlug = input.session?.dish.slug ?? input.entities.dish?.slug;
  const diagnosis = input.session?.analysis?.diagnosis?.code;
  const questionTerms = terms(input.question, input.lang);
  let best: PrincipleChoice | undefined;
  for (const p of input.principles) {
    if (dishSlug && p.dishes.length && !p.dishes.includes(dishSlug)) continue;
    let score = 0;
    const findings = INTENT_FINDINGS[input.intent] ?? [];
    if (p.addresses.some((a) => findings.includes(a))) score += 2;
    if (diagnosis && p.addresses.includes(diagnosis) && (findings.includes(diagnosis) || input.intent === 'my_video' || input.intent === 'is_this_right')) score += 2;
    if (dishSlug && p.dishes.includes(dishSlug)) score += p.dishes.length <= 2 ? 1 : 0.5; // dish-specific beats general
    const own = terms([p.title[input.lang], p.skill[input.lang], p.nextAction[input.lang], p.why[input.lang]].join(' '), input.lang);
    const overlap = [...questionTerms].filter((t) => own.has(t)).length;
    // Japanese bigrams of one long word (フライパン) would count four times: cap lower.
    score += input.lang === 'ja' ? Math.min(1.5, overlap * 0.5) : Math.min(3, overlap);
    const asksAboutThing = input.intent === 'ingredient' || input.intent === 'equipment';
    if (asksAboutThing) for (const e of [...input.entities.ingredients, ...input.entities.tools]) if (p.body[input.lang].toLowerCase().includes(e.name[input.lang].toLowerCase())) score += 1;
    const rank = input.retrievedSlugs?.indexOf(p.slug) ?? -1;
    if (rank >= 0) score += Math.max(0, 1.5 - rank * 0.5);
    if (!best || score > best.score) best = { principle: p, score };
  }
  return best && best.score >= MIN_PRINCIPLE_SCORE ? best : undefined;
}

const EN_STOP = new Set('the a an i my me to of in on and or is it do does did should can could how what when why which with for at be was were this that you your it\'s im i\'m get so too very much more than from'.split(' '));

/** Content words: English words not in a stop list; Japanese kanji/katakana bigrams (hiragana is mostly grammar). */
function terms(text: string, lang: Lang): Set<string> {
  const t = text.normalize('NFKC').toLowerCase();
  if (lang === 'en') return new Set((t.match(/[a-z]+/g) ?? []).filter((w) => w.length > 2 && !EN_STOP.has(w)).map((w) => w.replace(/(ing|ed|es|s)$/, '')));
  const out = new Set<string>();
  for (const run of t.match(/[\u30a0-\u30ff\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}
