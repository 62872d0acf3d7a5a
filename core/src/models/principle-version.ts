import { BaseModel } from './base-model';

export class PrincipleVersion extends BaseModel {
  static override tableName = 'principle_versions';
  declare id: string;
  declare principle_id: string;
  declare version: number;
  declare snapshot: Record<string, unknown>;
  declare edited_by: string | null;
  declare created_at: Date;
}
