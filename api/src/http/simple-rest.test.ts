import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseListQuery } from './simple-rest';

const req = (query: Record<string, string>) => ({ query }) as unknown as Request;
const filter = z.object({ q: z.string().optional() }).strict();
const other = z.object({ role: z.string().optional() }).strict();

describe('parseListQuery', () => {
  it('keeps each list’s own sort fields and filter when its schema is reused across requests', () => {
    const names = ['id', 'name'] as const;
    const dates = ['id', 'created_at'] as const;
    for (let i = 0; i < 3; i++) {
      expect(parseListQuery(req({ sort: '["name","DESC"]', range: '[25,49]' }), { sortable: names, defaultSort: ['id', 'ASC'], filter }).sort).toEqual({ field: 'name', order: 'desc' });
      // Same filter schema, other sort fields: "name" is refused there.
      expect(() => parseListQuery(req({ sort: '["name","DESC"]' }), { sortable: dates, defaultSort: ['id', 'ASC'], filter })).toThrow();
      // Same sort fields, other filter.
      expect(parseListQuery(req({ filter: '{"role":"coach"}' }), { sortable: names, defaultSort: ['id', 'ASC'], filter: other }).filter).toEqual({ role: 'coach' });
      expect(() => parseListQuery(req({ filter: '{"role":"coach"}' }), { sortable: names, defaultSort: ['id', 'ASC'], filter })).toThrow();
    }
  });
});
