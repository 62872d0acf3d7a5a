import type { ParsedPrinciple } from '../principle-file';

/** A valid parsed principle for tests; override any field. */
export function makePrinciple(slug: string, overrides: Partial<ParsedPrinciple> = {}): ParsedPrinciple {
  return {
    slug,
    title: { ja: 'テストの原則', en: 'A test principle' },
    dishes: ['fried-rice'],
    core: false,
    skill: { ja: '鍋を熱してから入れられるようになる。', en: 'Add food only to a hot pan.' },
    symptoms: [{ ja: '音がしない。', en: 'No sizzle.', sense: 'sound' }],
    why: { ja: '冷たい鍋では蒸れるからです。', en: 'A cold pan steams the food.' },
    next_action: { ja: '油が揺らぐまで待ちましょう。', en: 'Wait for the oil to shimmer.' },
    success_signs: {
      sight: { ja: '油が揺らぐ。', en: 'The oil shimmers.' },
      sound: { ja: '「ジュッ」と鳴る。', en: 'It sizzles.' },
    },
    addresses: ['pan_not_hot'],
    body: '日本語の本文です。\n\n二段落目です。\n\n## English\n\nThe English body.',
    fileName: `${slug}.md`,
    ...overrides,
  };
}

/** The file text for a principle's front matter (as YAML-compatible JSON) and body. */
export function principleFileText(front: Record<string, unknown>, body = '本文です。\n\n## English\n\nBody.'): string {
  const yaml = Object.entries(front)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body}\n`;
}

/** Front matter for a valid file named `${slug}.md`. */
export function validFrontMatter(slug: string): Record<string, unknown> {
  const { body: _body, fileName: _fileName, ...front } = makePrinciple(slug);
  return front;
}
