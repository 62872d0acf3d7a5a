import { Model } from 'objection';

/** Columns keep their database names (snake_case); the API decides how to present them. */
export class BaseModel extends Model {}
