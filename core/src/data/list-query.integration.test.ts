import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../db/knex';
import { pageOf } from './list-query';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());

// Users of this file only (the database is shared with every other test of the run).
const tag = `page-of-${randomUUID().slice(0, 8)}`;
const names = ['Chiyo', 'Aiko', 'Emi', 'Botan', 'Daichi'];
beforeAll(async () => {
  await knex('users').insert(names.map((name) => ({ email: `${name.toLowerCase()}-${tag}@test.local`, name, role: 'learner' })));
});
const mine = () => knex('users').where('email', 'like', `%-${tag}@test.local`);
const list = (start: number, end: number, order: 'asc' | 'desc' = 'asc') => ({ filter: {}, sort: { field: 'name', order }, range: { start, end } });

describe('pageOf: count and page in one statement', () => {
  it('returns the page in the sort order with the total of the whole filtered list', async () => {
    const page = await pageOf<{ id: string; name: string }>(mine(), list(1, 3), ['id', 'name']);
    expect(page.total).toBe(5);
    expect(page.start).toBe(1);
    expect(page.rows.map((r) => r.name)).toEqual(['Botan', 'Chiyo', 'Daichi']);
    expect(Object.keys(page.rows[0]!).sort()).toEqual(['id', 'name']);
    const desc = await pageOf<{ name: string }>(mine(), list(0, 9, 'desc'), ['id', 'name']);
    expect(desc.rows.map((r) => r.name)).toEqual(['Emi', 'Daichi', 'Chiyo', 'Botan', 'Aiko']);
  });

  it('a page past the end is empty and still carries the total; an empty list totals 0', async () => {
    const past = await pageOf(mine(), list(25, 49), ['id', 'name']);
    expect(past).toEqual({ rows: [], total: 5, start: 25 });
    const none = await pageOf(mine().where('name', 'Nobody'), list(0, 24), ['id', 'name']);
    expect(none).toEqual({ rows: [], total: 0, start: 0 });
  });

  it('runs one statement per page', async () => {
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', onQuery);
    try {
      await pageOf(mine(), list(0, 1), ['id', 'name']);
    } finally {
      knex.off('query', onQuery);
    }
    expect(statements).toHaveLength(1);
  });
});
