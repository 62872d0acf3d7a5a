import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ListPage, ListQuery, PartialListPage } from '@ajimi/core/data/list-query';
import { parse } from './parse';

/**
 * The ra-data-simple-rest dialect: GET /res?sort=["f","ASC"]&range=[0,24]&filter={...}
 * answered with a JSON array and "Content-Range: res 0-24/319".
 */
const jsonParam = (label: string) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${label} must be JSON` });
      return z.NEVER;
    }
  });

const MAX_PAGE = 500;

type ListOptions<F extends z.ZodType> = { sortable: readonly string[]; defaultSort: [string, 'ASC' | 'DESC']; filter: F };

function listQuerySchema(options: ListOptions<z.ZodType>) {
  return z
    .object({
      sort: jsonParam('sort').pipe(z.tuple([z.enum(options.sortable as [string, ...string[]]), z.enum(['ASC', 'DESC', 'asc', 'desc'])])).optional(),
      range: jsonParam('range')
        .pipe(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
        .refine(([start, end]) => end >= start && end - start < MAX_PAGE, `range must be [start, end] with end >= start and at most ${MAX_PAGE} rows`)
        .optional(),
      filter: jsonParam('filter').pipe(options.filter).optional(),
    })
    .strict();
}

/**
 * Each list's schema is built once (per filter schema and sortable fields, module constants of its
 * route): building a zod schema costs far more than parsing with it, and lists are read constantly.
 */
const schemas = new WeakMap<z.ZodType, Map<string, ReturnType<typeof listQuerySchema>>>();

function schemaFor(options: ListOptions<z.ZodType>) {
  let bySortable = schemas.get(options.filter);
  if (!bySortable) schemas.set(options.filter, (bySortable = new Map()));
  const key = options.sortable.join('\n');
  let schema = bySortable.get(key);
  if (!schema) bySortable.set(key, (schema = listQuerySchema(options)));
  return schema;
}

export function parseListQuery<F extends z.ZodType>(req: Request, options: ListOptions<F>): ListQuery<z.infer<F>> {
  const q = parse(schemaFor(options), req.query, 'list query');
  const [field, order] = q.sort ?? options.defaultSort;
  const [start, end] = q.range ?? [0, 24];
  return {
    sort: { field, order: order.toLowerCase() as 'asc' | 'desc' },
    range: { start, end },
    filter: (q.filter ?? parse(options.filter, {}, 'filter')) as z.infer<F>,
  };
}

export function sendList<T>(res: Response, resource: string, page: ListPage<T> | PartialListPage<T>): void {
  // No rows (an empty list or a page past the end): "*/total", never a range naming rows that do not exist.
  const range = page.rows.length ? `${page.start}-${page.start + page.rows.length - 1}` : '*';
  // A list not counted (partial pagination) says "/*", as RFC 9110 writes an unknown complete length:
  // with rows, more follow; the console then offers "next" without page numbers.
  res.set('Content-Range', `${resource} ${range}/${page.total ?? '*'}`);
  res.json(page.rows);
}

/** getMany sends filter={"id":[...]} and getManyReference filter={"target":id}: ids are uuids. */
export const uuidList = z.union([z.uuid(), z.array(z.uuid()).max(MAX_PAGE)]).transform((v) => (Array.isArray(v) ? v : [v]));
