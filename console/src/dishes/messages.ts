import type { AreaMessages } from '../i18n/types';

const en = {
  dishes: {
    menu: 'Dishes',
    create_title: 'New dish',
    edit_title: 'Dish: %{name}',
    fields: {
      slug: 'Slug',
      name_ja: 'Name (Japanese)',
      name_en: 'Name (English)',
      expected_min: 'Shortest plausible filming (seconds)',
      expected_max: 'Longest plausible filming (seconds)',
      motion: 'How the food is moved',
      sizzle: 'It should sizzle audibly once the main ingredient is in',
      core_principle: 'Core principle (opens the coaching video)',
      watch_for: 'Findings that matter, most important first',
      version: 'Version',
      source: 'Rubric from',
      updated_at: 'Updated',
      q: 'Search',
    },
    motion: {
      constant: 'Tossed or stirred throughout',
      intermittent: 'Moved now and then',
      still: 'Left alone to brown',
    },
    source: {
      console: 'Edited in the console',
      knowledge: 'knowledge/dishes.yaml',
      none: 'No rubric yet',
    },
    helpers: {
      slug: 'Lowercase words joined by hyphens, e.g. "fried-rice". It cannot be changed later.',
      saving: 'Saving makes a new version. The analyzer and the coaching video use it from the next session step on.',
      core_new: 'A new dish has no principles yet: pick any principle now, then add the dish to its own principles.',
      range: 'The shortest must be shorter than the longest.',
    },
    save: 'Save as a new version',
    versions: {
      title: 'Version history',
      empty: 'Not edited in the console yet: the rubric comes from knowledge/dishes.yaml.',
      version: 'Version %{version}',
      by: 'by %{name}',
      seed: 'knowledge/dishes.yaml',
      restore: 'Restore',
      restored: 'Restored as a new version.',
    },
  },
};

const ja: AreaMessages<typeof en>['ja'] = {
  dishes: {
    menu: '料理',
    create_title: '新しい料理',
    edit_title: '料理: %{name}',
    fields: {
      slug: 'スラッグ',
      name_ja: '名前（日本語）',
      name_en: '名前（英語）',
      expected_min: '撮影時間の目安・最短（秒）',
      expected_max: '撮影時間の目安・最長（秒）',
      motion: '具材の動かし方',
      sizzle: '主な具材を入れたあと、ジュッと音がするはず',
      core_principle: '基本の原則（コーチング動画の冒頭）',
      watch_for: '重視する指摘（重要な順）',
      version: 'バージョン',
      source: 'ルーブリックの出どころ',
      updated_at: '更新日時',
      q: '検索',
    },
    motion: {
      constant: 'ずっと炒める・混ぜる',
      intermittent: 'ときどき動かす',
      still: '焼き色がつくまで触らない',
    },
    source: {
      console: 'コンソールで編集',
      knowledge: 'knowledge/dishes.yaml',
      none: 'ルーブリックなし',
    },
    helpers: {
      slug: '小文字の単語をハイフンでつなぎます（例: fried-rice）。後から変更できません。',
      saving: '保存すると新しいバージョンになります。解析とコーチング動画は次のステップから新しい内容を使います。',
      core_new: '新しい料理にはまだ原則がありません。ひとまず既存の原則を選び、あとでその料理の原則を追加してください。',
      range: '最短は最長より短くしてください。',
    },
    save: '新しいバージョンとして保存',
    versions: {
      title: 'バージョン履歴',
      empty: 'まだコンソールで編集されていません。ルーブリックは knowledge/dishes.yaml のものです。',
      version: 'バージョン %{version}',
      by: '%{name}',
      seed: 'knowledge/dishes.yaml',
      restore: '復元',
      restored: '新しいバージョンとして復元しました。',
    },
  },
};

export const messages: AreaMessages<typeof en> = { en, ja };
