import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../db/knex';
import type { PrincipleContent } from '../contracts/principles';
import type { ListQuery } from './list-query';
import { insertPrinciple, pagePrinciples, setPrincipleDraft, writePrincipleChunks, type PrincipleFilter } from './principles';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());

const marker = `pl${randomUUID().slice(0, 8)}`;
const content = (title: string, body: string): PrincipleContent => ({
  title_ja: `${marker} ${title}`,
  title_en: `${marker} ${title} (en)`,
  dishes: ['fried-rice'],
  is_core: false,
  skill: { ja: '鍋を熱する。', en: 'Heat the pan.' },
  symptoms: [{ ja: '音が弱い。', en: 'A weak sizzle.', sense: 'sound' }],
  why: { ja: '冷たい鍋では蒸れるから。', en: 'A cold pan steams.' },
  next_action: { ja: '30秒待つ。', en: 'Wait 30 seconds.' },
  success_signs: { sound: { ja: 'ジュッと鳴る。', en: 'A loud sizzle.' } },
  addresses: ['pan_not_hot'],
  body_md: body,
});
const list = (filter: PrincipleFilter, sort: ListQuery<unknown>['sort'] = { field: 'slug', order: 'asc' }, range = { start: 0, end: 24 }) =>
  pagePrinciples(knex, { filter, sort, range });

const ids: string[] = [];
beforeAll(async () => {
  for (const [i, body] of ['強火で炒めます。', `${marker}-needle は本文だけにある。`, '油を先に。'].entries()) {
    const row = await insertPrinciple(knex, { slug: `${marker}-${i}`, content: content(`原則${i}`, body), published: i !== 1, updatedBy: null });
    ids.push(row.id);
  }
  await knex.transaction((trx) => writePrincipleChunks(trx, ids[0]!, [{ content: 'a', vector: `[${Array(768).fill(0.1).join(',')}]` }, { content: 'b', vector: `[${Array(768).fill(0.2).join(',')}]` }], 'test-model', 1));
  await setPrincipleDraft(knex, ids[2]!, content('下書き', '新しい本文'), null);
});

describe('the principles list page', () => {
  it('sends what the list shows and the editor first paints, never the long texts', async () => {
    const page = await list({ q: marker });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.slug)).toEqual([`${marker}-0`, `${marker}-1`, `${marker}-2`]);
    expect(Object.keys(page.rows[0]!).sort()).toEqual(
      ['id', 'slug', 'title_ja', 'title_en', 'dishes', 'is_core', 'published', 'version', 'embedding_status', 'embedded_version', 'draft_revision', 'updated_at', 'has_draft'].sort(),
    );
    expect(page.rows[0]).toMatchObject({ id: ids[0], embedding_status: 'ready', embedded_version: 1, version: 1, has_draft: false, is_core: false, dishes: ['fried-rice'] });
    expect(page.rows[1]).toMatchObject({ published: false, has_draft: false });
    expect(page.rows[2]).toMatchObject({ has_draft: true, draft_revision: 1, title_ja: `${marker} 原則2` });
  });

  it('searches the body it does not send, and filters and pages as before', async () => {
    expect((await list({ q: `${marker}-needle` })).rows.map((r) => r.id)).toEqual([ids[1]]);
    expect((await list({ q: marker, published: false })).rows.map((r) => r.id)).toEqual([ids[1]]);
    expect((await list({ q: marker, embedding_status: 'ready' })).rows.map((r) => r.id)).toEqual([ids[0]]);
    expect((await list({ id: [ids[2]!, ids[0]!] })).rows.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    // Sorted by a column the page does not carry; the second page keeps the order.
    const byCreated = await list({ q: marker }, { field: 'created_at', order: 'desc' }, { start: 1, end: 2 });
    expect(byCreated).toMatchObject({ total: 3, start: 1 });
    expect(byCreated.rows.map((r) => r.id)).toEqual([ids[1], ids[0]]);
  });
});
