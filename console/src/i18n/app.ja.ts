import type { AppMessages } from './app.en';

/** The console's own messages, Japanese (same keys as app.en.ts, enforced by the type). */
export const appJapanese: AppMessages = {
  ajimi: {
    app_title: 'Ajimi コンソール',
    roles: {
      learner: '学習者（料理する人）',
      coach: 'シェフコーチ',
      content: 'コンテンツ担当',
      admin: '管理者',
    },
    locales: {
      ja: '日本語',
      en: '英語',
    },
    auth: {
      email: 'メールアドレス',
      learner_refused:
        'このコンソールはコーチとスタッフ専用です。料理をする方は Ajimi アプリでコーチングをご覧ください。',
      not_accepted:
        'ログインはできましたが、このアカウントではコンソールを利用できません（無効になっているか、設定が終わっていません）。管理者に連絡してください。',
      clerk_unavailable: 'ログイン画面を読み込めませんでした（Clerk に接続できません）。通信環境を確認して、ページを再読み込みしてください。',
      switch_account: 'ログアウトしてスタッフのアカウントでログイン（アプリからもログアウトします）',
      network_error: 'サーバーに接続できません。通信環境を確認して、もう一度お試しください。',
      rate_limited: 'ログインの試行回数が多すぎます。しばらく待ってから、もう一度お試しください。',
      unexpected_response: 'サーバーから予期しない応答がありました。時間をおいて、もう一度お試しください。',
    },
    login: {
      subtitle: 'シェフコーチ・コンテンツ担当・管理者向け',
    },
    dashboard: {
      greeting: '%{name}さん、ようこそ',
      signed_in_as: '%{role}としてログインしています（%{email}）。',
      intro:
        'あなたのロールでこのコンソールからできることです。レビュー画面では ? キーでキーボードショートカットを表示できます。',
      available: '利用可能',
      coming: '準備中',
      open: '開く',
      sections: {
        review_queue: {
          title: 'レビューキュー',
          body: 'パイプラインが作成したコーチング動画の下書きがここに並びます。項目を担当として引き受け、AI が選んだキーモーメント候補の付いたタイムラインで料理動画を確認し、ナレーション原稿を編集し、別のキーモーメントを選んで再レンダリングし、配信を承認するか差し戻します。',
        },
        coach_chat: {
          title: '料理する人への返信',
          body: '料理する人が追加で質問したとき、コーチングチャットで人として回答します。',
        },
        knowledge_base: {
          title: 'ナレッジベース',
          body: '調理の原則（Markdown と構造化フィールド）を作成・編集し、それぞれの埋め込み（エンベディング）の状態を確認します。',
        },
        dishes: {
          title: '料理',
          body: '料理ごとに、名前・解析の基準（ルーブリック）・基本の原則を編集します。すべてのバージョンが残ります。',
        },
        retrieval_test: {
          title: '検索テスト',
          body: '質問を入力して、コーチングのパイプラインが使う前に、どの原則が検索で返るかを確認します。',
        },
        users: {
          title: 'ユーザーとロール',
          body: 'アカウントの作成、ロールと言語の変更、アカウントの無効化ができます。',
        },
        operations: {
          title: '運用',
          body: 'パイプラインの稼働状況、失敗したジョブの再実行、監査ログを扱います。',
        },
      },
    },
  },
  resources: {
    users: {
      name: 'ユーザー',
      fields: {
        id: 'ID',
        email: 'メールアドレス',
        name: '名前',
        role: 'ロール',
        locale: '言語',
        disabled: '無効',
        created_at: '作成日時',
        password: 'パスワード',
        q: '検索',
      },
      helpers: {
        password: '12文字以上で入力してください。',
        disabled: '無効にしたアカウントではログインできません。',
        email: 'メールアドレスは変更できません。',
      },
    },
  },
};
