import { COOKING_EVENT_TYPES } from '../../domain/analysis';
import type { AnalysisResult } from '../../domain/analysis';
import { FINDING_CODES } from '../../domain/findings';
import type { FindingCode } from '../../domain/findings';
import type { DishRubric } from '../../domain/rubric';
import type { AnalyzeInput, RenderedPrompt } from './ai-provider';
import { renderPrompt } from './prompts';
import { summarizeSignals } from '../../media/summarize-signals';

/**
 * Formatters that turn domain objects into the text variables the prompts in prompts/ expect.
 * Trusted variables (rubric, principles, glossaries, signals summary) are ours; anything a cook
 * typed or said, and anything a model wrote from it (an analysis), goes into untrusted inputs.
 */

type Bilingual = { ja: string; en: string };

export const FINDING_GLOSSARY: Record<FindingCode, Bilingual> = {
  pan_not_hot: {
    ja: '具材を入れてもジュージュー音が弱いまま：鍋や油が十分に熱くなかった',
    en: 'ingredients went in and the sizzle stayed weak: the pan or oil was not hot enough',
  },
  heat_dropped: {
    ja: '入れた後に音がしぼんだ：一度に入れすぎた、または火を弱めた',
    en: 'the sizzle collapsed after adding: too much at once, or heat turned down',
  },
  not_moving: {
    ja: '炒めている間、混ぜる・あおる動きが長く止まった：ムラや焦げの原因',
    en: 'long stretches without stirring/tossing while it fries: uneven, scorching',
  },
  moved_too_much: {
    ja: '焼き色をつけるべきところで絶えず動かした（焼き付け、餃子など）',
    en: 'constant stirring where the food needs contact to brown (searing, gyoza)',
  },
  too_long_on_heat: {
    ja: '料理に必要な時間を大きく超えて強火で加熱した：パサつき・硬さ・焦げ',
    en: 'hot frying went on well past what the dish needs: dry, tough, burnt',
  },
  too_short: {
    ja: '調理全体が料理に必要な時間よりずっと短い：生焼け・色づき不足',
    en: 'the whole cook was far shorter than the dish needs: raw or pale',
  },
  heat_too_low: {
    ja: '調理中ずっと音が小さい：炒めずに蒸し焼きになっている',
    en: 'little sizzle through the whole cook: steaming instead of frying',
  },
  scorch_risk: {
    ja: '終盤、動きがないまま激しく鋭い音：焦げる寸前',
    en: 'loud, harsh sizzle with no movement towards the end',
  },
};

export const EVENT_GLOSSARY: Record<(typeof COOKING_EVENT_TYPES)[number], Bilingual> = {
  oil_heating: { ja: '油・鍋を熱している', en: 'oil or pan heating' },
  ingredient_added: { ja: '具材を入れた', en: 'ingredient added' },
  sizzle_starts: { ja: 'ジュージュー音が始まった', en: 'sizzle starts' },
  stirring: { ja: '混ぜる・あおる', en: 'stirring or tossing' },
  flipping: { ja: '裏返す', en: 'flipping' },
  browning: { ja: '焼き色がつく', en: 'browning' },
  heat_change: { ja: '火加減を変えた', en: 'heat changed' },
  plating: { ja: '盛り付け', en: 'plating' },
};

const MOTION_TEXT: Record<DishRubric['motion'], string> = {
  constant: 'constant — 終始混ぜる・あおる (tossed/stirred throughout)',
  intermittent: 'intermittent — ときどき動かす (moved now and then)',
  still: 'still — 動かさずに焼き色をつける (left alone to brown)',
};

export function formatFindingGlossary(): string {
  return FINDING_CODES.map((c) => `- ${c}: ${FINDING_GLOSSARY[c].ja} / ${FINDING_GLOSSARY[c].en}`).join('\n');
}

export function formatEventGlossary(): string {
  return COOKING_EVENT_TYPES.map((t) => `- ${t}: ${EVENT_GLOSSARY[t].ja} / ${EVENT_GLOSSARY[t].en}`).join('\n');
}

export function formatDishName(rubric: Pick<DishRubric, 'name'>): string {
  return `${rubric.name.ja} (${rubric.name.en})`;
}

export function formatRubric(rubric: DishRubric): string {
  return [
    `- 料理 / dish: ${formatDishName(rubric)} [${rubric.slug}]`,
    `- 想定される調理時間 / expected cooking time: ${rubric.expectedSeconds[0]}–${rubric.expectedSeconds[1]} 秒 (s)`,
    `- 動き / motion: ${MOTION_TEXT[rubric.motion]}`,
    `- ジュージュー音 / sizzle: ${
      rubric.sizzleExpected
        ? '主な具材を入れた後は聞こえるはず (expected once the main ingredient is in)'
        : '聞こえなくてよい料理 (not expected for this dish)'
    }`,
    `- 最初に伝える原則 / core principle: ${rubric.corePrinciple}`,
    `- 特に見るべき所見（重要な順）/ watch for, most important first: ${rubric.watchFor.join(', ')}`,
  ].join('\n');
}

export interface PromptPrinciple {
  slug: string;
  title: Bilingual;
  addresses?: string[];
  /** Optional excerpt of the principle's body (retrieved chunk). */
  excerpt?: string;
}

export function formatPrinciples(principles: PromptPrinciple[]): string {
  if (!principles.length) return '（なし / none）';
  return principles
    .map((p) => {
      const head = `- [${p.slug}] ${p.title.ja} / ${p.title.en}${p.addresses?.length ? ` — 対応する所見 / addresses: ${p.addresses.join(', ')}` : ''}`;
      return p.excerpt ? `${head}\n  ${p.excerpt.trim().replace(/\n+/g, '\n  ')}` : head;
    })
    .join('\n');
}

export function formatSelfRatings(ratings: Record<string, number>): string {
  return Object.entries(ratings)
    .filter(([, v]) => Number.isFinite(v))
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

const sec = (x: number) => `${x.toFixed(1)}秒`;

/**
 * An analysis as text for the coach-text / narrate / reply prompts. It was written by a model
 * that read the cook's note, so pass it as an untrusted input.
 */
export function formatAnalysis(result: AnalysisResult): string {
  const d = result.diagnosis;
  if (result.coachable === false || !d) {
    // Nothing to coach: say why, and what was and was not seen, so no model invents a diagnosis.
    return [
      `コーチング不可 / not coachable: ${result.abstain?.reason ?? 'unknown'}`,
      ...(result.abstain ? [`${result.abstain.message.ja} / ${result.abstain.message.en}`] : []),
      ...(result.abstain?.seen ?? []).map((e) => `- ${e.ja} / ${e.en}`),
    ].join('\n');
  }
  const lines = [
    `診断コード / diagnosis: ${d.code}`,
    `問題 / problem: ${d.problem.ja} / ${d.problem.en}`,
    `理由 / why: ${d.why.ja} / ${d.why.en}`,
    '根拠 / evidence:',
    ...d.evidence.map((e) => `- ${e.start !== undefined ? `[${sec(e.start)}–${sec(e.end ?? e.start)} ${e.signal ?? ''}${e.value !== undefined ? ` ${e.value}` : ''}] ` : ''}${e.ja} / ${e.en}`),
    '重要な場面（良い順）/ key moments, best first:',
    ...result.keyMoments.map((m, i) => {
      const cues = [
        m.cue.sight ? `見た目 sight: ${m.cue.sight.ja} / ${m.cue.sight.en}` : '',
        m.cue.sound ? `音 sound: ${m.cue.sound.ja} / ${m.cue.sound.en}` : '',
      ].filter(Boolean);
      return `${i + 1}. ${sec(m.start)}–${sec(m.end)} (score ${m.score.toFixed(2)})${m.at !== undefined ? ` 瞬間 at ${sec(m.at)}` : ''}: ${m.reason.ja} / ${m.reason.en}${cues.length ? `; ${cues.join('; ')}` : ''}`;
    }),
  ];
  if (result.findings.length) {
    lines.push(`その他の所見 / other findings: ${result.findings.map((f) => `${f.code} ${f.score.toFixed(2)}`).join(', ')}`);
  }
  return lines.join('\n');
}

/** Renders prompts/analyze for an AnalyzeInput (signals summary built here unless the caller passed one). */
export function renderAnalyzePrompt(input: AnalyzeInput, version?: string): RenderedPrompt {
  return renderPrompt(
    'analyze',
    {
      dish: formatDishName(input.rubric),
      attempt_number: input.learner.attemptNumber,
      duration_sec: Number(input.signals.durationSec.toFixed(1)),
      rubric: formatRubric(input.rubric),
      principles: formatPrinciples(input.principles),
      finding_codes: formatFindingGlossary(),
      event_types: formatEventGlossary(),
      signals_summary: input.signalsSummary ?? summarizeSignals(input.signals).text,
      cook_name: input.learner.name,
      cook_note: input.note,
      transcript: input.transcript,
      self_ratings: formatSelfRatings(input.selfRatings),
    },
    version,
  );
}
