import type { Bilingual } from '../../models/principle';
import type { Sense } from '../../domain/findings';
import { splitBody } from './principle-file';

/**
 * The principle fields retrieval reads, in the principles table's shape, so a row edited in the
 * console and a file from knowledge/ (via toPrincipleFields) chunk the same way.
 */
export interface ChunkablePrinciple {
  title_ja: string;
  title_en: string;
  skill: Bilingual;
  symptoms: Array<Bilingual & { sense: Sense }>;
  why: Bilingual;
  next_action: Bilingual;
  success_signs: Partial<Record<Sense, Bilingual>>;
  body_md: string;
}

/** Body paragraphs are grouped up to this many characters per chunk (title context excluded). */
export const BODY_CHUNK_MAX_CHARS = 600;

const SENSE_LABEL: Record<Sense, Bilingual> = {
  sight: { ja: '見た目', en: 'sight' },
  sound: { ja: '音', en: 'sound' },
  texture: { ja: '手触り・食感', en: 'texture' },
};
const SENSE_ORDER: readonly Sense[] = ['sight', 'sound', 'texture'];

/**
 * Splits a principle into retrieval chunks, deterministically, every chunk starting with the title:
 * 0. skill + symptoms + why; 1. next action + success signs; then the body's paragraphs grouped to
 * ~400–600 characters, Japanese first, then English.
 */
export function chunkPrinciple(principle: ChunkablePrinciple): string[] {
  const title = `【${principle.title_ja} / ${principle.title_en}】`;
  const withTitle = (lines: string[]) => [title, ...lines].join('\n');

  const overview = withTitle([
    `身につけるスキル: ${principle.skill.ja}`,
    'よくある失敗:',
    ...principle.symptoms.map((s) => `- (${SENSE_LABEL[s.sense].ja}) ${s.ja}`),
    `なぜ: ${principle.why.ja}`,
    `Skill: ${principle.skill.en}`,
    'What goes wrong:',
    ...principle.symptoms.map((s) => `- (${SENSE_LABEL[s.sense].en}) ${s.en}`),
    `Why: ${principle.why.en}`,
  ]);

  const signs = SENSE_ORDER.flatMap((sense) => {
    const sign = principle.success_signs[sense];
    return sign ? [{ sense, ...sign }] : [];
  });
  const action = withTitle([
    `次回試すこと: ${principle.next_action.ja}`,
    '成功のサイン:',
    ...signs.map((s) => `- (${SENSE_LABEL[s.sense].ja}) ${s.ja}`),
    `Next time: ${principle.next_action.en}`,
    'Signs of success:',
    ...signs.map((s) => `- (${SENSE_LABEL[s.sense].en}) ${s.en}`),
  ]);

  const { ja, en } = splitBody(principle.body_md);
  const body = [...groupParagraphs(ja), ...groupParagraphs(en ?? '')].map((group) => withTitle([group]));
  return [overview, action, ...body];
}

/**
 * Paragraphs (blank-line separated) packed into as few groups of at most `max` characters as
 * possible, balanced so that no group is a short leftover: of all packings with that many groups,
 * the one whose longest group is shortest.
 */
export function groupParagraphs(text: string, max = BODY_CHUNK_MAX_CHARS): string[] {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (p.length > max ? splitLong(p, max) : [p]));
  if (paragraphs.length === 0) return [];
  const fewest = pack(paragraphs, max).length;
  const longest = Math.max(...paragraphs.map((p) => p.length));
  for (let capacity = longest; capacity < max; capacity += 1) {
    const groups = pack(paragraphs, capacity);
    if (groups.length <= fewest) return groups;
  }
  return pack(paragraphs, max);
}

/** Greedy packing (fewest groups for this capacity); paragraphs joined by a blank line. */
function pack(paragraphs: string[], capacity: number): string[] {
  const groups: string[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    if (current && current.length + 2 + paragraph.length > capacity) {
      groups.push(current);
      current = paragraph;
    } else {
      current = current ? `${current}\n\n${paragraph}` : paragraph;
    }
  }
  if (current) groups.push(current);
  return groups;
}

/** A paragraph longer than `max`: split after sentence ends (。！？.!?), hard-split only as a last resort. */
function splitLong(paragraph: string, max: number): string[] {
  const sentences = paragraph.match(/[^。！？.!?]+[。！？.!?]*\s*/g) ?? [paragraph];
  const parts: string[] = [];
  let current = '';
  for (const raw of sentences) {
    for (let i = 0; i < raw.length; i += max) {
      const sentence = raw.slice(i, i + max);
      if (current && current.length + sentence.length > max) {
        parts.push(current.trim());
        current = '';
      }
      current += sentence;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
