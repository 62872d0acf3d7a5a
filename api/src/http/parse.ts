import type { z } from 'zod';
import { ValidationError } from '@ajimi/core/errors';
import { formatIssue } from './errors';

/** zod at the boundary: returns typed input or throws one 400 listing every problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(`The ${what} is not valid.`, result.error.issues.map(formatIssue));
  return result.data;
}
