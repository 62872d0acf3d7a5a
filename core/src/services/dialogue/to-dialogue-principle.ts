import { splitBody, type ParsedPrinciple } from '../knowledge/principle-file';
import type { Principle } from '../../models/principle';
import type { DialoguePrinciple } from './dialogue-types';

/** From a knowledge/ file (bench, tests). */
export function principleFromFile(p: ParsedPrinciple): DialoguePrinciple {
  const body = splitBody(p.body);
  return { slug: p.slug, title: p.title, dishes: p.dishes, skill: p.skill, why: p.why, nextAction: p.next_action, successSigns: p.success_signs, addresses: p.addresses, body: { ja: body.ja, en: body.en ?? '' } };
}

/** From a `principles` row. */
export function principleFromRow(r: Pick<Principle, 'slug' | 'title_ja' | 'title_en' | 'dishes' | 'skill' | 'why' | 'next_action' | 'success_signs' | 'addresses' | 'body_md'>): DialoguePrinciple {
  const body = splitBody(r.body_md ?? '');
  return { slug: r.slug, title: { ja: r.title_ja, en: r.title_en }, dishes: r.dishes ?? [], skill: r.skill, why: r.why, nextAction: r.next_action, successSigns: r.success_signs ?? {}, addresses: r.addresses ?? [], body: { ja: body.ja, en: body.en ?? '' } };
}
