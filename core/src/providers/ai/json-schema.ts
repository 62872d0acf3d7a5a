import { z } from 'zod';

/**
 * The subset of JSON Schema that Gemini's `responseJsonSchema` accepts (per @google/genai's
 * GenerateContentConfig docs): $id/$defs/$ref/$anchor, type, format, title, description, enum,
 * items, prefixItems, minItems, maxItems, minimum, maximum, anyOf, oneOf, properties,
 * additionalProperties, required, propertyOrdering. Everything else (minLength, maxLength,
 * pattern, exclusive bounds, $schema, ...) is dropped here and enforced by zod after parsing.
 */
const KEEP = new Set([
  'type',
  'format',
  'title',
  'description',
  'enum',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
  'properties',
  'additionalProperties',
  'required',
  'propertyOrdering',
]);
const FORMATS = new Set(['date-time', 'date', 'time', 'duration']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function clean(node: Json, path: string): Json {
  if (Array.isArray(node)) return node.map((n, i) => clean(n, `${path}/${i}`));
  if (node === null || typeof node !== 'object') return node;
  if ('$ref' in node) throw new Error(`toGeminiJsonSchema: $ref at ${path} (recursive schemas are not supported)`);
  if (Array.isArray(node.type)) {
    // ["string", "null"] → anyOf (listed as supported; type arrays are not)
    const { type, ...rest } = node;
    const types = type.filter((t): t is string => typeof t === 'string');
    if (types.length === 1) return clean({ ...rest, type: types[0] as string }, path);
    return { anyOf: types.map((t) => clean(t === 'null' ? { type: t } : { ...rest, type: t }, `${path}/anyOf`)) };
  }
  const out: { [k: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'oneOf') {
      out.anyOf = clean(value, `${path}/anyOf`);
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'exclusiveMinimum' && typeof value === 'number' && !('minimum' in node)) {
      out.minimum = value;
    } else if (key === 'exclusiveMaximum' && typeof value === 'number' && !('maximum' in node)) {
      out.maximum = value;
    } else if (key === 'format') {
      if (typeof value === 'string' && FORMATS.has(value)) out.format = value;
    } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, clean(sub, `${path}/properties/${name}`)]),
      );
    } else if (key === 'minimum' || key === 'maximum') {
      // z.number().int() emits ±MAX_SAFE_INTEGER bounds: noise for the model.
      if (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER) out[key] = value;
    } else if (KEEP.has(key)) {
      out[key] = clean(value, `${path}/${key}`);
    }
  }
  return out;
}

/** A zod schema as a JSON Schema object Gemini accepts as `responseJsonSchema`. */
export function toGeminiJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', reused: 'inline' });
  if ('$defs' in raw && raw.$defs && Object.keys(raw.$defs).length) {
    throw new Error('toGeminiJsonSchema: schemas with $defs (recursive or registered ids) are not supported');
  }
  return clean(raw as Json, '#') as Record<string, unknown>;
}
