/** The everyday dishes a home cook films; the knowledge base refers to them by slug. */
export const DISHES: ReadonlyArray<{ slug: string; name_ja: string; name_en: string }> = [
  { slug: 'fried-rice', name_ja: 'チャーハン', name_en: 'Fried rice' },
  { slug: 'omelette', name_ja: 'オムレツ', name_en: 'Omelette' },
  { slug: 'tamagoyaki', name_ja: '卵焼き', name_en: 'Tamagoyaki' },
  { slug: 'fried-eggs', name_ja: '目玉焼き', name_en: 'Fried eggs' },
  { slug: 'pancakes', name_ja: 'パンケーキ', name_en: 'Pancakes' },
  { slug: 'stir-fry', name_ja: '野菜炒め', name_en: 'Vegetable stir-fry' },
  { slug: 'seared-meat', name_ja: '肉のソテー', name_en: 'Seared meat' },
  { slug: 'seared-fish', name_ja: '魚のソテー', name_en: 'Seared fish' },
  { slug: 'gyoza', name_ja: '餃子', name_en: 'Gyoza' },
  { slug: 'pasta', name_ja: 'パスタ', name_en: 'Pasta' },
  { slug: 'rice', name_ja: 'ご飯', name_en: 'Steamed rice' },
  { slug: 'miso-soup', name_ja: '味噌汁', name_en: 'Miso soup' },
  { slug: 'karaage', name_ja: '唐揚げ', name_en: 'Karaage' },
];
