/**
 * The knowledge base and the retrieval tester: content staff and admins only (coaches and cooks refused).
 */
import { randomUUID } from 'node:crypto';
import { s, type AreaMatrix } from './matrix';

const content = () => ({
  title_ja: '権限テストの原則',
  title_en: 'Authorization test principle',
  dishes: ['fried-rice'],
  is_core: false,
  skill: { ja: '鍋を十分に熱する。', en: 'Heat the pan well.' },
  symptoms: [{ ja: '音が弱い。', en: 'A weak sizzle.', sense: 'sound' }],
  why: { ja: '冷たい鍋では蒸れるから。', en: 'A cold pan steams.' },
  next_action: { ja: '油が揺らぐまで待つ。', en: 'Wait for the oil to shimmer.' },
  success_signs: { sight: { ja: '油が揺らぐ。', en: 'The oil shimmers.' }, sound: { ja: 'ジュッと鳴る。', en: 'It sizzles.' } },
  addresses: ['pan_not_hot'],
  body_md: '本文。\n\n## English\n\nBody.',
});

const ALLOWED = s([401, 403, 403, 403, 200, 200]);

export const matrix: AreaMatrix = {
  rows: [
    //                                                                  anon   A     B   coach content admin
    { route: 'GET /api/console/principles',                             expect: ALLOWED },
    { route: 'GET /api/console/principles/form-options',                expect: ALLOWED },
    { route: 'GET /api/console/principles/:id', request: 'GET /api/console/principles/:principleId', expect: ALLOWED },
    { route: 'GET /api/console/principles/:id/versions', request: 'GET /api/console/principles/:principleId/versions', expect: ALLOWED },
    { route: 'POST /api/console/principles', body: () => ({ slug: `authz-${randomUUID().slice(0, 8)}`, ...content() }),
                                                                        expect: s([401, 403, 403, 403, 201, 201]) },
    { route: 'PUT /api/console/principles/:id', request: 'PUT /api/console/principles/:principleId', body: content, expect: ALLOWED },
    { route: 'POST /api/console/principles/:id/publish', request: 'POST /api/console/principles/:principleId/publish', expect: ALLOWED },
    { route: 'POST /api/console/principles/:id/unpublish', request: 'POST /api/console/principles/:principleId/unpublish', expect: ALLOWED },
    { route: 'POST /api/console/principles/:id/discard-draft', request: 'POST /api/console/principles/:principleId/discard-draft', expect: ALLOWED },
    { route: 'POST /api/console/principles/:id/versions/:version/restore', request: 'POST /api/console/principles/:principleId/versions/1/restore', expect: ALLOWED },
    { route: 'GET /api/console/retrieval/sessions',                     expect: ALLOWED },
    { route: 'POST /api/console/retrieval', body: () => ({ question: '具材を入れたとき音が小さかった', dish: 'fried-rice' }), expect: ALLOWED },
  ],
  async setup({ api }) {
    const [row] = await api.knex('principles')
      .insert({
        slug: `authz-principle-${randomUUID().slice(0, 8)}`,
        title_ja: '権限テスト',
        title_en: 'Authorization test',
        dishes: ['fried-rice'],
        skill: JSON.stringify({ ja: 'スキル', en: 'Skill' }),
        why: JSON.stringify({ ja: '理由', en: 'Why' }),
        next_action: JSON.stringify({ ja: '次に', en: 'Next' }),
        source: 'console',
        published: false,
      })
      .returning('id');
    await api.knex('principle_versions').insert({ principle_id: row.id, version: 1, snapshot: JSON.stringify(content()) });
    return { principleId: row.id };
  },
};
