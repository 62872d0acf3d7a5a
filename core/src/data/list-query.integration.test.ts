import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../db/knex';
import { pageOf, partialPageOf } from './list-query';

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

describe('partialPageOf: a page without counting the list', () => {
  it('says the total only when the page reaches the end, and never counts', async () => {
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', onQuery);
    try {
      // More rows follow: no total.
      const first = await partialPageOf<{ id: string; name: string }>(mine(), list(0, 1), ['id', 'name']);
      expect(first).toEqual({ rows: [expect.objectContaining({ name: 'Aiko' }), expect.objectContaining({ name: 'Botan' })], total: null, start: 0 });
      // The page holding the last row knows the whole list: start + its rows.
      const last = await partialPageOf<{ name: string }>(mine(), list(2, 3, 'desc'), ['id', 'name']);
      expect(last.rows.map((r) => r.name)).toEqual(['Chiyo', 'Botan']);
      expect(last.total).toBeNull(); // Aiko follows
      const end = await partialPageOf<{ name: string }>(mine(), list(3, 5), ['id', 'name']);
      expect(end).toEqual({ rows: [expect.objectContaining({ name: 'Daichi' }), expect.objectContaining({ name: 'Emi' })], total: 5, start: 3 });
      // Exactly a full last page: the extra row is absent, so it is the end.
      expect((await partialPageOf(mine(), list(0, 4), ['id', 'name'])).total).toBe(5);
      // Past the end the length is unknown; an empty list is 0.
      expect(await partialPageOf(mine(), list(25, 49), ['id', 'name'])).toEqual({ rows: [], total: null, start: 25 });
      expect(await partialPageOf(mine().where('name', 'Nobody'), list(0, 24), ['id', 'name'])).toEqual({ rows: [], total: 0, start: 0 });
    } finally {
      knex.off('query', onQuery);
    }
    expect(statements.some((sql) => /count\(/i.test(sql))).toBe(false);
  });
});
