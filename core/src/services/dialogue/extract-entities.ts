import type { Bilingual, DialogueDish, Entities, TimeReference } from './dialogue-types';

type Lexeme = { key: string; name: Bilingual; re: RegExp };

const INGREDIENTS: Lexeme[] = [
  { key: 'rice', name: { ja: 'ご飯', en: 'rice' }, re: /ご飯|ごはん|お米|米|\brice\b/i },
  { key: 'egg', name: { ja: '卵', en: 'egg' }, re: /卵|たまご|玉子|\beggs?\b/i },
  { key: 'oil', name: { ja: '油', en: 'oil' }, re: /油|オイル|\boil\b/i },
  { key: 'butter', name: { ja: 'バター', en: 'butter' }, re: /バター|\bbutter\b/i },
  { key: 'garlic', name: { ja: 'にんにく', en: 'garlic' }, re: /にんにく|ニンニク|\bgarlic\b/i },
  { key: 'salt', name: { ja: '塩', en: 'salt' }, re: /塩|\bsalt\b/i },
  { key: 'sugar', name: { ja: '砂糖', en: 'sugar' }, re: /砂糖|\bsugar\b/i },
  { key: 'soy_sauce', name: { ja: '醤油', en: 'soy sauce' }, re: /醤油|しょうゆ|\bsoy sauce\b/i },
  { key: 'miso', name: { ja: '味噌', en: 'miso' }, re: /味噌|みそ|\bmiso\b/i },
  { key: 'dashi', name: { ja: 'だし', en: 'dashi' }, re: /だし|出汁|\bdashi\b|\bstock\b/i },
  { key: 'chicken', name: { ja: '鶏肉', en: 'chicken' }, re: /鶏|とり肉|\bchicken\b/i },
  { key: 'meat', name: { ja: '肉', en: 'meat' }, re: /(?<!鶏)肉|ステーキ|\b(meat|steak|beef|pork)\b/i },
  { key: 'fish', name: { ja: '魚', en: 'fish' }, re: /魚|鮭|さけ|サーモン|皮|\b(fish|salmon|skin)\b/i },
  { key: 'water', name: { ja: '水', en: 'water' }, re: /(?<!油)水|お湯|\bwater\b/i },
  { key: 'flour', name: { ja: '粉', en: 'flour' }, re: /小麦粉|片栗粉|粉|\b(flour|starch|batter)\b/i },
  { key: 'pasta', name: { ja: 'パスタ', en: 'pasta' }, re: /パスタ|麺|\b(pasta|noodles?|spaghetti)\b/i },
  { key: 'vegetables', name: { ja: '野菜', en: 'vegetables' }, re: /野菜|キャベツ|玉ねぎ|もやし|ねぎ|\b(vegetables?|veg|cabbage|onions?|scallions?)\b/i },
  { key: 'tofu', name: { ja: '豆腐', en: 'tofu' }, re: /豆腐|\btofu\b/i },
];

const TOOLS: Lexeme[] = [
  { key: 'nonstick_pan', name: { ja: 'フッ素加工のフライパン', en: 'non-stick pan' }, re: /フッ素|テフロン|\bnon-?stick\b/i },
  { key: 'iron_pan', name: { ja: '鉄のフライパン', en: 'iron pan' }, re: /鉄の|鉄フライパン|\b(cast iron|carbon steel|iron)\b/i },
  { key: 'wok', name: { ja: '中華鍋', en: 'wok' }, re: /中華鍋|\bwok\b/i },
  { key: 'pan', name: { ja: 'フライパン', en: 'pan' }, re: /フライパン|\b(pan|skillet)\b/i },
  { key: 'pot', name: { ja: '鍋', en: 'pot' }, re: /(?<!中華)鍋|\bpot\b/i },
  { key: 'lid', name: { ja: '蓋', en: 'lid' }, re: /蓋|ふた|\blid\b/i },
  { key: 'spatula', name: { ja: 'へら', en: 'spatula' }, re: /へら|ヘラ|フライ返し|\b(spatula|turner)\b/i },
  { key: 'ladle', name: { ja: 'お玉', en: 'ladle' }, re: /お玉|おたま|\bladle\b/i },
  { key: 'chopsticks', name: { ja: '菜箸', en: 'chopsticks' }, re: /菜箸|箸|\bchopsticks\b/i },
  { key: 'stove', name: { ja: 'コンロ', en: 'stove' }, re: /コンロ|IH|\b(stove|burner|induction|hob)\b/i },
  { key: 'thermometer', name: { ja: '温度計', en: 'thermometer' }, re: /温度計|\bthermometer\b/i },
];

/** Dish names the cook may use that are not the knowledge base's own name. */
const DISH_ALIASES: Record<string, RegExp> = {
  'fried-rice': /炒飯|チャーハン|\bfried rice\b/i,
  'fried-eggs': /目玉焼き|\bfried eggs?\b|\bsunny/i,
  'seared-meat': /ステーキ|\bsteak\b/i,
  'miso-soup': /味噌汁|みそ汁/,
  'stir-fry': /野菜炒め|炒め物|\bstir[- ]?fry/i,
};

/** "when I added the rice" / "ご飯を入れたとき" and the events they name. */
const EVENT_PHRASES: Array<{ re: RegExp; eventType: string }> = [
  { re: /(入れた|加えた|投入した)(とき|時|瞬間|あと|後|ところ)|\bwhen i (added|put in|poured|dropped)\b|\bafter (adding|i added)\b/i, eventType: 'ingredient_added' },
  { re: /(ひっくり返した|裏返した|返した)(とき|時|瞬間|あと|後|ところ)|\bwhen i (flipped|turned)\b/i, eventType: 'flipping' },
  { re: /(混ぜた|炒めた|動かした)(とき|時|瞬間|あと|後|ところ)|\bwhen i (stirred|tossed|moved)\b/i, eventType: 'stirring' },
  { re: /(火を(弱め|強め|止め)た)(とき|時|あと|後)|\bwhen i (turned (the heat )?(down|up|off))\b/i, eventType: 'heat_change' },
  { re: /(盛り付け|盛った)(とき|時|前)|\bwhen i plated\b/i, eventType: 'plating' },
  { re: /(油を熱し(た|ていた)|油が温まった)(とき|時)|\bwhen (i heated the oil|the oil was heating)\b/i, eventType: 'oil_heating' },
];

export function extractEntities(question: string, dishes: DialogueDish[]): Entities {
  const text = question.normalize('NFKC');
  const dish = dishes.find((d) => DISH_ALIASES[d.slug]?.test(text) || text.includes(d.name.ja) || new RegExp(`\\b${escape(d.name.en)}\\b`, 'i').test(text));
  const ingredients = INGREDIENTS.filter((i) => i.re.test(text)).map(({ key, name }) => ({ key, name }));
  const tools = TOOLS.filter((t) => t.re.test(text)).map(({ key, name }) => ({ key, name }));
  // A named pan type implies "pan"; keep the specific one only.
  const specificPan = tools.some((t) => t.key === 'nonstick_pan' || t.key === 'iron_pan');
  const time = extractTime(text);
  return { ...(dish ? { dish } : {}), ingredients, tools: specificPan ? tools.filter((t) => t.key !== 'pan') : tools, ...(time ? { time } : {}) };
}

function extractTime(text: string): TimeReference | undefined {
  const clock = /\b(\d{1,2}):(\d{2})\b/.exec(text);
  if (clock) return { text: clock[0], seconds: Number(clock[1]) * 60 + Number(clock[2]) };
  const jaMinSec = /(\d+)\s*分\s*(\d+)\s*秒/.exec(text);
  if (jaMinSec) return { text: jaMinSec[0], seconds: Number(jaMinSec[1]) * 60 + Number(jaMinSec[2]) };
  const seconds = /(\d+)\s*秒(の|目|あたり|ごろ|付近|のところ)|\bat (\d+)\s*(s|sec|secs|seconds)\b/i.exec(text);
  if (seconds) return { text: seconds[0], seconds: Number(seconds[1] ?? seconds[3]) };
  for (const p of EVENT_PHRASES) {
    const m = p.re.exec(text);
    if (m) return { text: m[0], eventType: p.eventType };
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
