import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '@ajimi/core/errors';
import { parseListQuery } from './simple-rest';

const filter = z.object({ q: z.string().max(20).optional() }).strict();
const request = (query: Record<string, string>) => ({ query }) as unknown as Request;
const parseWith = (sortable: readonly string[], query: Record<string, string>) => parseListQuery(request(query), { sortable, defaultSort: ['name', 'ASC'], filter });

describe('parseListQuery (react-admin simple-rest)', () => {
  it('reads sort, range and filter, and falls back to the default sort and the first page', () => {
    expect(parseWith(['name', 'id'], { sort: '["id","DESC"]', range: '[25,49]', filter: '{"q":"egg"}' })).toEqual({
      sort: { field: 'id', order: 'desc' },
      range: { start: 25, end: 49 },
      filter: { q: 'egg' },
    });
    expect(parseWith(['name', 'id'], {})).toEqual({ sort: { field: 'name', order: 'asc' }, range: { start: 0, end: 24 }, filter: {} });
  });

  it('refuses what the list does not allow, on every request (the schema is built once per list, never shared across lists)', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => parseWith(['name', 'id'], { sort: '["email","ASC"]' })).toThrow(ValidationError);
      expect(parseWith(['name', 'email'], { sort: '["email","ASC"]' }).sort).toEqual({ field: 'email', order: 'asc' });
      expect(() => parseWith(['name', 'email'], { sort: '["id","ASC"]' })).toThrow(ValidationError);
      expect(() => parseWith(['name', 'id'], { filter: '{"other":1}' })).toThrow(ValidationError);
      expect(() => parseWith(['name', 'id'], { range: '[10,2]' })).toThrow(ValidationError);
      expect(() => parseWith(['name', 'id'], { filter: 'not json' })).toThrow(ValidationError);
    }
  });
});
