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

/** The setup's principle, which lists the setup's dish: the dish rubrics' core principle. */
let corePrinciple = '';
const rubric = () => ({ expectedSeconds: [60, 300], motion: 'constant', sizzleExpected: true, corePrinciple, watchFor: ['pan_not_hot'] });

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
    { route: 'GET /api/console/dishes',                                 expect: ALLOWED },
    { route: 'GET /api/console/dishes/form-options',                    expect: ALLOWED },
    { route: 'GET /api/console/dishes/:id', request: 'GET /api/console/dishes/:dishId', expect: ALLOWED },
    { route: 'GET /api/console/dishes/:id/versions', request: 'GET /api/console/dishes/:dishId/versions', expect: ALLOWED },
    { route: 'POST /api/console/dishes', body: () => ({ slug: `authz-${randomUUID().slice(0, 8)}`, name_ja: '権限', name_en: 'Authz', rubric: rubric() }),
                                                                        expect: s([401, 403, 403, 403, 201, 201]) },
    { route: 'PUT /api/console/dishes/:id', request: 'PUT /api/console/dishes/:dishId', body: () => ({ name_ja: '権限テストの料理', name_en: 'Authz dish', rubric: rubric() }), expect: ALLOWED },
    { route: 'POST /api/console/dishes/:id/versions/:version/restore', request: 'POST /api/console/dishes/:dishId/versions/1/restore', expect: ALLOWED },
    { route: 'GET /api/console/retrieval/sessions',                     expect: ALLOWED },
    { route: 'POST /api/console/retrieval', body: () => ({ question: '具材を入れたとき音が小さかった', dish: 'fried-rice' }), expect: ALLOWED },
  ],
  async setup({ api }) {
    const dishSlug = `authz-dish-${randomUUID().slice(0, 8)}`;
    const [dish] = await api.knex('dishes').insert({ slug: dishSlug, name_ja: '権限テストの料理', name_en: 'Authz dish' }).returning('id');
    const [row] = await api.knex('principles')
      .insert({
        slug: `authz-principle-${randomUUID().slice(0, 8)}`,
        title_ja: '権限テスト',
        title_en: 'Authorization test',
        dishes: ['fried-rice', dishSlug],
        skill: JSON.stringify({ ja: 'スキル', en: 'Skill' }),
        why: JSON.stringify({ ja: '理由', en: 'Why' }),
        next_action: JSON.stringify({ ja: '次に', en: 'Next' }),
        source: 'console',
        published: false,
      })
      .returning('id');
    await api.knex('principle_versions').insert({ principle_id: row.id, version: 1, snapshot: JSON.stringify(content()) });
    corePrinciple = (await api.knex('principles').where({ id: row.id }).first('slug')).slug as string;
    const seed = { name_ja: '権限テストの料理', name_en: 'Authz dish', rubric: rubric() };
    await api.knex('dishes').where({ id: dish.id }).update({ rubric: JSON.stringify(seed.rubric), version: 1 });
    await api.knex('dish_versions').insert({ dish_id: dish.id, version: 1, snapshot: JSON.stringify(seed) });
    return { principleId: row.id, dishId: dish.id };
  },
};
